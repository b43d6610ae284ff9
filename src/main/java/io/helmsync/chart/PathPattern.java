package io.helmsync.chart;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A slash-separated path pattern in one of the two dialects Helm uses: Go's {@code filepath.Match}
 * for {@code .helmignore} and gobwas/glob for {@code .Files.Glob}. Both read {@code *} and {@code
 * ?} within one path segment and {@code [...]} classes; the glob dialect adds {@code **} across
 * segments and {@code {a,b}} alternatives.
 */
public final class PathPattern {
  /** The two pattern languages Helm uses for chart files. */
  public enum Dialect {
    /** Go's {@code filepath.Match}: {@code [^...]} negates a class. */
    FILEPATH_MATCH,
    /** gobwas/glob with separator {@code /}: {@code [!...]} negates, {@code **}, {@code {a,b}}. */
    GLOB
  }

  private final Pattern regex;

  private PathPattern(Pattern regex) {
    this.regex = regex;
  }

  /**
   * @throws IllegalArgumentException when the pattern is malformed (an unclosed class or brace)
   */
  public static PathPattern compile(String pattern, Dialect dialect) {
    try {
      return new PathPattern(Pattern.compile(translate(pattern, dialect)));
    } catch (PatternSyntaxException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("syntax error in pattern " + pattern, e);
    }
  }

  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }

  private static String translate(String pattern, Dialect dialect) {
    StringBuilder out = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> {
          boolean across =
              dialect == Dialect.GLOB && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
          out.append(across ? ".*" : "[^/]*");
          i += across ? 1 : 0;
        }
        case '?' -> out.append("[^/]");
        case '[' -> i = appendClass(pattern, i, dialect, out);
        case '\\' -> out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
        case '{' -> {
          if (dialect != Dialect.GLOB) {
            out.append("\\{");
          } else {
            braces++;
            out.append("(?:");
          }
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            out.append(')');
          } else {
            out.append("\\}");
          }
        }
        case ',' -> out.append(braces > 0 ? "|" : ",");
        default -> out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      throw new IllegalArgumentException("unclosed { in pattern " + pattern);
    }
    return out.toString();
  }

  /** Copies a {@code [...]} class; returns the index of its closing bracket. */
  private static int appendClass(String pattern, int open, Dialect dialect, StringBuilder out) {
    int close = pattern.indexOf(']', open + 2);
    if (close < 0) {
      throw new IllegalArgumentException("unclosed [ in pattern " + pattern);
    }
    String body = pattern.substring(open + 1, close);
    char negation = dialect == Dialect.GLOB ? '!' : '^';
    boolean negated = body.charAt(0) == negation;
    out.append(negated ? "[^/" : "[");
    for (char c : (negated ? body.substring(1) : body).toCharArray()) {
      // Any non-alphanumeric character may be escaped in a Java class; '-' keeps its range meaning.
      out.append(c == '-' || Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
    }
    out.append(negated ? "]" : "&&[^/]]");
    return close;
  }
}
