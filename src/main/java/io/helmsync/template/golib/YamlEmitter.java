package io.helmsync.template.golib;

import java.util.List;
import java.util.Map;

/**
 * Writes values as go-yaml v2 does in block style: 2-space indentation, sequences inside mappings
 * not indented, {@code {}}/{@code []} for empty collections, the emitter's choice of quoting, and
 * its folding of long plain and quoted strings past column 80 (which charts' {@code toYaml} output
 * shows).
 */
final class YamlEmitter {
  private static final int BEST_WIDTH = 80;
  private static final int BEST_INDENT = 2;

  private final StringBuilder out = new StringBuilder();
  private int column;

  private YamlEmitter() {}

  /** The YAML document for a value whose maps have string keys, ending with a newline. */
  static String emit(Object value) {
    YamlEmitter emitter = new YamlEmitter();
    emitter.root(value);
    return emitter.out.toString();
  }

  private void root(Object value) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      mapping(map, 0);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      sequence(list, 0);
    } else {
      scalar(value, BEST_INDENT, false);
      endLine();
    }
  }

  /** A block mapping whose keys start at {@code indent}; the first key may follow a "- ". */
  private void mapping(Map<?, ?> map, int indent) {
    boolean first = true;
    for (String key : GoYaml.sortedKeys(map)) {
      if (!first || column != indent) {
        pad(indent);
      }
      first = false;
      scalar(key, indent + BEST_INDENT, true);
      write(":");
      value(map.get(key), indent);
    }
  }

  private void value(Object value, int indent) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      newline();
      mapping(map, indent + BEST_INDENT);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      newline();
      sequence(list, indent);
    } else {
      write(" ");
      scalar(value, indent + BEST_INDENT, false);
      endLine();
    }
  }

  /** A block sequence whose dashes are at {@code indent}. */
  private void sequence(List<?> list, int indent) {
    boolean first = true;
    for (Object item : list) {
      if (!first || column != indent) {
        pad(indent);
      }
      first = false;
      write("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        mapping(map, indent + BEST_INDENT);
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        sequence(inner, indent + BEST_INDENT);
      } else {
        scalar(item, indent + BEST_INDENT, false);
        endLine();
      }
    }
  }

  private void scalar(Object value, int indent, boolean simpleKey) {
    if (value == null || value == NoValue.NO_VALUE) {
      write("null");
    } else if (value instanceof Map) {
      write("{}");
    } else if (value instanceof List) {
      write("[]");
    } else if (value instanceof String s) {
      string(s, indent, simpleKey);
    } else if (value instanceof Double d) {
      write(floatText(d));
    } else {
      write(String.valueOf(value));
    }
  }

  private static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    return GoFloat.shortest(d);
  }

  private void string(String s, int indent, boolean simpleKey) {
    switch (YamlScalars.styleOf(s, simpleKey)) {
      case PLAIN -> plain(s, indent, !simpleKey);
      case SINGLE_QUOTED -> singleQuoted(s, indent, !simpleKey);
      case DOUBLE_QUOTED -> doubleQuoted(s, indent, !simpleKey);
      case LITERAL -> literal(s, indent);
    }
  }

  private void plain(String s, int indent, boolean allowBreaks) {
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == ' ') {
        boolean nextIsSpace = i + 1 < cps.length && cps[i + 1] == ' ';
        if (allowBreaks && !spaces && column > BEST_WIDTH && !nextIsSpace) {
          indentLine(indent);
        } else {
          writeCodePoint(' ');
        }
        spaces = true;
      } else {
        writeCodePoint(cps[i]);
        spaces = false;
      }
    }
  }

  private void singleQuoted(String s, int indent, boolean allowBreaks) {
    write("'");
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == ' ') {
        boolean nextIsSpace = i + 1 < cps.length && cps[i + 1] == ' ';
        if (allowBreaks
            && !spaces
            && column > BEST_WIDTH
            && i > 0
            && i < cps.length - 1
            && !nextIsSpace) {
          indentLine(indent);
        } else {
          writeCodePoint(' ');
        }
        spaces = true;
      } else {
        if (cps[i] == '\'') {
          write("'");
        }
        writeCodePoint(cps[i]);
        spaces = false;
      }
    }
    write("'");
  }

  private void doubleQuoted(String s, int indent, boolean allowBreaks) {
    write("\"");
    int[] cps = s.codePoints().toArray();
    boolean spaces = false;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (!YamlScalars.isPrintable(c)
          || c == 0xFEFF
          || YamlScalars.isBreak(c)
          || c == '"'
          || c == '\\') {
        write(escape(c));
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != cps.length - 1) {
          indentLine(indent);
          if (i + 1 < cps.length && cps[i + 1] == ' ') {
            write("\\");
          }
        } else {
          writeCodePoint(' ');
        }
        spaces = true;
      } else {
        writeCodePoint(c);
        spaces = false;
      }
    }
    write("\"");
  }

  private static String escape(int c) {
    String known = YamlScalars.ESCAPES.get(c);
    if (known != null) {
      return known;
    }
    if (c <= 0xFF) {
      return String.format("\\x%02X", c);
    }
    return c <= 0xFFFF ? String.format("\\u%04X", c) : String.format("\\U%08X", c);
  }

  private void literal(String s, int indent) {
    write("|");
    if (s.startsWith(" ") || YamlScalars.isBreak(s.codePointAt(0))) {
      write(String.valueOf(BEST_INDENT));
    }
    write(chompHint(s));
    newline();
    boolean atLineStart = true;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (YamlScalars.isBreak(c)) {
        newline();
        atLineStart = true;
      } else {
        if (atLineStart) {
          pad(indent);
          atLineStart = false;
        }
        writeCodePoint(c);
      }
    }
  }

  private static String chompHint(String s) {
    if (!s.endsWith("\n")) {
      return "-";
    }
    return s.length() == 1 || s.endsWith("\n\n") ? "+" : "";
  }

  // ---- output

  private void indentLine(int indent) {
    newline();
    pad(indent);
  }

  private void pad(int indent) {
    while (column < indent) {
      out.append(' ');
      column++;
    }
  }

  /** Ends the line unless a block scalar already did. */
  private void endLine() {
    if (column > 0) {
      newline();
    }
  }

  private void newline() {
    out.append('\n');
    column = 0;
  }

  private void write(String s) {
    out.append(s);
    column += s.codePointCount(0, s.length());
  }

  private void writeCodePoint(int c) {
    out.appendCodePoint(c);
    column++;
  }
}
