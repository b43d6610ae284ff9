package io.helmsync.template.golib;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The parts of Go's {@code *regexp.Regexp} that Sprig calls, over a pattern translated by {@link
 * Re2Syntax}. Java's matcher is driven the way Go's is, because the two disagree on empty matches
 * next to earlier ones ({@code a*} on "baaac") and Go's {@code $1x} names a group "1x".
 */
public final class GoRegexp {
  private final String expr;
  private final Re2Syntax.Compiled compiled;

  private GoRegexp(String expr, Re2Syntax.Compiled compiled) {
    this.expr = expr;
    this.compiled = compiled;
  }

  /** {@code regexp.Compile}: the error is Go's "error parsing regexp: ..." text. */
  public static GoRegexp compile(String expr) {
    try {
      return new GoRegexp(expr, Re2Syntax.compile(expr));
    } catch (Re2Syntax.Error e) {
      throw new GoError(e.getMessage());
    }
  }

  /** {@code regexp.MustCompile}: its panic text, which templates report as the error. */
  public static GoRegexp mustCompile(String expr) {
    try {
      return compile(expr);
    } catch (GoError e) {
      throw new GoError("regexp: Compile(" + quote(expr) + "): " + e.getMessage());
    }
  }

  /** regexp's {@code quote}: backquoted when {@code strconv.CanBackquote}, else Go-quoted. */
  private static String quote(String s) {
    boolean canBackquote =
        s.codePoints().noneMatch(c -> c == '`' || c == 0xFEFF || c < ' ' && c != '\t' || c == 0x7F);
    return canBackquote ? "`" + s + "`" : GoQuote.quote(s);
  }

  public boolean matches(String s) {
    return compiled.pattern().matcher(s).find();
  }

  /** {@code FindString}: the leftmost match, "" when none. */
  public String find(String s) {
    Matcher m = compiled.pattern().matcher(s);
    return m.find() ? m.group() : "";
  }

  /** {@code FindAllStringIndex}: Go skips an empty match that abuts the previous match. */
  List<int[]> findAll(String s, long n) {
    List<int[]> matches = new ArrayList<>();
    Matcher m = compiled.pattern().matcher(s);
    int pos = 0;
    int prevEnd = -1;
    while ((n < 0 || matches.size() < n) && pos <= s.length() && m.find(pos)) {
      boolean accept = true;
      if (m.end() == pos) {
        accept = m.start() != prevEnd;
        pos += pos < s.length() ? Character.charCount(s.codePointAt(pos)) : 1;
      } else {
        pos = m.end();
      }
      prevEnd = m.end();
      if (accept) {
        matches.add(groups(m));
      }
    }
    return matches;
  }

  private static int[] groups(Matcher m) {
    int[] bounds = new int[2 * (m.groupCount() + 1)];
    for (int g = 0; g <= m.groupCount(); g++) {
      bounds[2 * g] = m.start(g);
      bounds[2 * g + 1] = m.end(g);
    }
    return bounds;
  }

  public List<Object> findAllStrings(String s, long n) {
    List<Object> out = new ArrayList<>();
    for (int[] match : findAll(s, n)) {
      out.add(s.substring(match[0], match[1]));
    }
    return out;
  }

  /**
   * {@code ReplaceAllString} and {@code ReplaceAllLiteralString}: no replacement for an empty match
   * right after a match, and the search always moves on by at least one character.
   */
  public String replaceAll(String s, String replacement, boolean literal) {
    StringBuilder out = new StringBuilder();
    Matcher m = compiled.pattern().matcher(s);
    int lastEnd = 0;
    int search = 0;
    while (search <= s.length() && m.find(search)) {
      out.append(s, lastEnd, m.start());
      if (m.end() > lastEnd || m.start() == 0) {
        int[] match = groups(m);
        out.append(literal ? replacement : expand(replacement, s, match));
      }
      lastEnd = m.end();
      int width = search < s.length() ? Character.charCount(s.codePointAt(search)) : 1;
      search = Math.max(search + width, m.end());
    }
    return out.append(s, lastEnd, s.length()).toString();
  }

  /**
   * {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}.
   */
  private String expand(String template, String src, int[] match) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      Reference ref = Reference.parse(template, i);
      if (ref == null) {
        out.append('$');
        continue;
      }
      i = ref.end();
      int group = ref.number() >= 0 ? ref.number() : compiled.names().indexOf(ref.name());
      if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
        out.append(src, match[2 * group], match[2 * group + 1]);
      }
    }
    return out.append(template.substring(i)).toString();
  }

  /** A group reference in a replacement: a name (letters, digits, _) and its number, or -1. */
  private record Reference(String name, int number, int end) {
    static Reference parse(String template, int from) {
      boolean brace = from < template.length() && template.charAt(from) == '{';
      int start = brace ? from + 1 : from;
      int i = start;
      while (i < template.length()) {
        int c = template.codePointAt(i);
        if (!Character.isLetter(c)
            && Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER
            && c != '_') {
          break;
        }
        i += Character.charCount(c);
      }
      if (i == start || brace && (i >= template.length() || template.charAt(i) != '}')) {
        return null;
      }
      String name = template.substring(start, i);
      return new Reference(name, number(name), brace ? i + 1 : i);
    }

    /** Go's rule: ASCII digits only, no leading zero, below 10^8. */
    private static int number(String name) {
      boolean digits = name.chars().allMatch(c -> c >= '0' && c <= '9');
      if (!digits || name.length() > 8 || name.length() > 1 && name.charAt(0) == '0') {
        return -1;
      }
      return Integer.parseInt(name);
    }
  }

  /** {@code Regexp.Split}, including Go's quirk of checking the last match's start. */
  public List<Object> split(String s, long n) {
    List<Object> parts = new ArrayList<>();
    if (n == 0) {
      return parts;
    }
    if (!expr.isEmpty() && s.isEmpty()) {
      parts.add("");
      return parts;
    }
    int begin = 0;
    int end = 0;
    for (int[] match : findAll(s, n)) {
      if (n > 0 && parts.size() == n - 1) {
        break;
      }
      end = match[0];
      if (match[1] != 0) {
        parts.add(s.substring(begin, end));
      }
      begin = match[1];
    }
    if (end != s.length()) {
      parts.add(s.substring(begin));
    }
    return parts;
  }
}
