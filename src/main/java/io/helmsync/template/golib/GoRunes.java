package io.helmsync.template.golib;

/**
 * Go's {@code unicode} predicates and UTF-8 byte views of strings. Java's own predicates differ at
 * the edges (Java's {@code isWhitespace} rejects U+00A0 and {@code isUpperCase} accepts circled
 * letters), and Sprig's byte-indexed functions need Go's view of a string as UTF-8 bytes.
 */
public final class GoRunes {
  private GoRunes() {}

  /** {@code unicode.IsSpace}: ASCII and Latin-1 spaces, then Unicode's White_Space (Z*). */
  public static boolean isSpace(int c) {
    if (c <= 0xFF) {
      return c == ' ' || c >= '\t' && c <= '\r' || c == 0x85 || c == 0xA0;
    }
    return Character.isSpaceChar(c);
  }

  /** {@code unicode.IsUpper}: category Lu only. */
  public static boolean isUpper(int c) {
    return Character.getType(c) == Character.UPPERCASE_LETTER;
  }

  /** {@code unicode.IsLower}: category Ll only. */
  public static boolean isLower(int c) {
    return Character.getType(c) == Character.LOWERCASE_LETTER;
  }

  /** {@code unicode.IsTitle}: category Lt. */
  public static boolean isTitle(int c) {
    return Character.getType(c) == Character.TITLECASE_LETTER;
  }

  /** {@code unicode.IsNumber}: categories Nd, Nl and No. */
  public static boolean isNumber(int c) {
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** {@code unicode.IsPunct}: categories Pc, Pd, Ps, Pe, Pi, Pf and Po. */
  public static boolean isPunct(int c) {
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }

  /** The string as Go holds it. */
  public static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Go's {@code string(b[from:to])}; a cut through a character decodes as U+FFFD. */
  public static String slice(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Go's {@code rune(s[i])} applied to every byte: each byte read as a Latin-1 character. */
  static String bytesAsRunes(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      out.append((char) (bytes[i] & 0xFF));
    }
    return out.toString();
  }
}
