package io.helmsync.template.golib;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Go's {@code strconv} parsing of the literals a template can contain: numbers and quoted text. */
public final class GoLiterals {
  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.[\\d_]+)([eE][+-]?[\\d_]+)?");
  private static final Pattern HEX_FLOAT =
      Pattern.compile("[+-]?0[xX]([\\da-fA-F_]*\\.?[\\da-fA-F_]*)[pP][+-]?[\\d_]+");
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GoLiterals() {}

  /** {@code strconv.ParseInt(text, 0, 64)}, or null when it fails. */
  public static Long parseInt(String text) {
    BigInteger value = parseInteger(text);
    return value != null && value.bitLength() < 64 ? value.longValue() : null;
  }

  /** {@code strconv.ParseUint(text, 0, 64)} succeeds. */
  public static boolean isUint(String text) {
    if (text.startsWith("+") || text.startsWith("-")) {
      return false;
    }
    BigInteger value = parseInteger(text);
    return value != null && value.signum() >= 0 && value.compareTo(UINT64_MAX) <= 0;
  }

  private static BigInteger parseInteger(String text) {
    String s = text;
    boolean negative = false;
    if (s.startsWith("+") || s.startsWith("-")) {
      negative = s.startsWith("-");
      s = s.substring(1);
    }
    if (s.isEmpty() || !underscoreOk(s)) {
      return null;
    }
    int radix = 10;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char c = Character.toLowerCase(s.charAt(1));
      radix = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 8;
      s = c == 'x' || c == 'o' || c == 'b' ? s.substring(2) : s.substring(1);
    }
    s = s.replace("_", "");
    if (s.isEmpty()) {
      return null;
    }
    try {
      BigInteger value = new BigInteger(s, radix);
      return negative ? value.negate() : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code strconv.ParseFloat(text, 64)}, or null when it fails. */
  public static Double parseFloat(String text) {
    boolean hex = HEX_FLOAT.matcher(text).matches();
    if (!hex && !DECIMAL_FLOAT.matcher(text).matches() || !underscoreOk(stripSign(text))) {
      return null;
    }
    double value = Double.parseDouble(text.replace("_", ""));
    return Double.isInfinite(value) ? null : value;
  }

  private static String stripSign(String s) {
    return s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
  }

  /** Underscores only between digits, or between a base prefix and a digit (Go's rule). */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lower = Character.toLowerCase(c);
      if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
        saw = '0';
      } else if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
      } else {
        if (saw == '_') {
          return false;
        }
        saw = '!';
      }
    }
    return saw != '_';
  }

  /** {@code strconv.Unquote} of a Go string literal ("..." or `...`); null when malformed. */
  public static String unquote(String literal) {
    if (literal.length() < 2) {
      return null;
    }
    char quote = literal.charAt(0);
    if (literal.charAt(literal.length() - 1) != quote) {
      return null;
    }
    String body = literal.substring(1, literal.length() - 1);
    if (quote == '`') {
      return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
    }
    if (quote != '"') {
      return null;
    }
    StringBuilder out = new StringBuilder();
    int[] index = {0};
    while (index[0] < body.length()) {
      if (!unquoteChar(body, index, '"', out)) {
        return null;
      }
    }
    return out.toString();
  }

  /** The code point of a char constant such as {@code 'a'} or {@code '\n'}; null when malformed. */
  public static Integer unquoteRune(String literal) {
    if (literal.length() < 3 || literal.charAt(literal.length() - 1) != '\'') {
      return null;
    }
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder out = new StringBuilder();
    int[] index = {0};
    if (!unquoteChar(body, index, '\'', out) || index[0] != body.length()) {
      return null;
    }
    return out.codePointAt(0);
  }

  /** Decodes one (possibly escaped) character at index[0], advancing it; false when invalid. */
  private static boolean unquoteChar(String s, int[] index, char quote, StringBuilder out) {
    int i = index[0];
    char c = s.charAt(i);
    if (c == quote && (quote == '\'' || quote == '"')) {
      return false;
    }
    if (c != '\\') {
      int cp = s.codePointAt(i);
      out.appendCodePoint(cp);
      index[0] = i + Character.charCount(cp);
      return true;
    }
    if (i + 1 >= s.length()) {
      return false;
    }
    char e = s.charAt(i + 1);
    index[0] = i + 2;
    switch (e) {
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'v' -> out.append('\u000b');
      case '\\' -> out.append('\\');
      case '\'', '"' -> {
        if (e != quote) {
          return false;
        }
        out.append(e);
      }
      case 'x' -> {
        return hexEscape(s, index, 2, out, false);
      }
      case 'u' -> {
        return hexEscape(s, index, 4, out, true);
      }
      case 'U' -> {
        return hexEscape(s, index, 8, out, true);
      }
      default -> {
        return octalEscape(s, index, e, out);
      }
    }
    return true;
  }

  private static boolean hexEscape(
      String s, int[] index, int digits, StringBuilder out, boolean rune) {
    int start = index[0];
    if (start + digits > s.length()) {
      return false;
    }
    int value;
    try {
      value = Integer.parseUnsignedInt(s.substring(start, start + digits), 16);
    } catch (NumberFormatException e) {
      return false;
    }
    index[0] = start + digits;
    if (!rune) {
      // A \x escape is a raw byte; Java strings hold it as the char of the same value.
      out.append((char) value);
      return true;
    }
    if (value > Character.MAX_CODE_POINT || value >= 0xD800 && value <= 0xDFFF) {
      return false;
    }
    out.appendCodePoint(value);
    return true;
  }

  private static boolean octalEscape(String s, int[] index, char first, StringBuilder out) {
    int start = index[0] - 1;
    if (first < '0' || first > '7' || start + 3 > s.length()) {
      return false;
    }
    int value = 0;
    for (int i = start; i < start + 3; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '7') {
        return false;
      }
      value = value * 8 + (c - '0');
    }
    if (value > 255) {
      return false;
    }
    index[0] = start + 3;
    out.append((char) value);
    return true;
  }
}
