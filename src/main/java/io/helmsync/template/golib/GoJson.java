package io.helmsync.template.golib;

import java.util.List;
import java.util.Map;

/**
 * Go's {@code encoding/json} for template values: sorted keys, HTML-safe escaping of {@code <},
 * {@code >} and {@code &} unless raw, floats in Go's shortest form, {@code MarshalIndent}'s layout,
 * and decoding through {@link GoJsonDecoder} so that every number reads back as float64 and errors
 * carry Go's wording.
 */
public final class GoJson {
  private GoJson() {}

  /** {@code json.Marshal}; NaN and infinities cannot be encoded, as in Go. */
  public static String marshal(Object value, boolean escapeHtml) {
    return new Encoder(escapeHtml, false).encode(value);
  }

  /** {@code json.MarshalIndent(value, "", " ")}: one member per line, {} and [] when empty. */
  public static String marshalIndent(Object value) {
    return new Encoder(true, true).encode(value);
  }

  /** {@code toJson} in Helm and Sprig: the JSON, or "" when the value cannot be encoded. */
  public static String marshalOrEmpty(Object value) {
    try {
      return marshal(value, true);
    } catch (GoError e) {
      return "";
    }
  }

  /**
   * {@code json.Unmarshal} into {@code interface{}}: objects as maps, numbers as float64.
   *
   * @throws IllegalArgumentException with Go's message when the text is not JSON, or holds a number
   *     beyond float64
   */
  public static Object unmarshal(String text) {
    GoJsonDecoder.Result result = GoJsonDecoder.decode(text);
    if (result.error() != null) {
      throw new IllegalArgumentException(result.error());
    }
    return result.value();
  }

  /** encoding/json's float format: 'f' for ordinary magnitudes, else 'e' with "e-7" not "e-07". */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new GoError("json: unsupported value: " + GoFloat.shortest(d));
    }
    double abs = Math.abs(d);
    boolean exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
    String text = GoFloat.format(d, exponent ? 'e' : 'f', -1);
    if (exponent) {
      text = text.replaceFirst("e([-+])0(\\d)$", "e$1$2");
    }
    return text;
  }

  /** One encoding: compact or indented by two spaces, with or without HTML escaping. */
  private static final class Encoder {
    private final StringBuilder out = new StringBuilder();
    private final boolean escapeHtml;
    private final boolean indent;

    Encoder(boolean escapeHtml, boolean indent) {
      this.escapeHtml = escapeHtml;
      this.indent = indent;
    }

    String encode(Object value) {
      write(value, 0);
      return out.toString();
    }

    private void write(Object value, int depth) {
      if (value == null || value == NoValue.NO_VALUE) {
        out.append("null");
      } else if (value instanceof String s) {
        string(s);
      } else if (value instanceof Double d) {
        out.append(number(d));
      } else if (value instanceof Map<?, ?> map) {
        object(map, depth);
      } else if (value instanceof List<?> list) {
        array(list, depth);
      } else if (value instanceof GoTime time) {
        string(time.rfc3339());
      } else if (value instanceof Boolean || GoValues.isInteger(value)) {
        out.append(value);
      } else {
        string(String.valueOf(value));
      }
    }

    private void object(Map<?, ?> map, int depth) {
      out.append('{');
      List<String> keys = GoPrint.sortedKeys(map);
      for (int i = 0; i < keys.size(); i++) {
        separate(i, depth + 1);
        string(keys.get(i));
        out.append(indent ? ": " : ":");
        write(map.get(keys.get(i)), depth + 1);
      }
      close(keys.isEmpty(), depth, '}');
    }

    private void array(List<?> list, int depth) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        separate(i, depth + 1);
        write(list.get(i), depth + 1);
      }
      close(list.isEmpty(), depth, ']');
    }

    private void separate(int index, int depth) {
      if (index > 0) {
        out.append(',');
      }
      newline(depth);
    }

    private void close(boolean empty, int depth, char bracket) {
      if (!empty) {
        newline(depth);
      }
      out.append(bracket);
    }

    private void newline(int depth) {
      if (indent) {
        out.append('\n').append("  ".repeat(depth));
      }
    }

    /** Go 1.22's escaping: short forms for \b \f \n \r \t, \\u00XX for other controls. */
    private void string(String s) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\u2028' -> out.append("\\u2028");
          case '\u2029' -> out.append("\\u2029");
          default -> {
            if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&')) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
