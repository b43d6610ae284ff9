package io.helmsync.template.golib;

/** {@code strconv.Quote} and friends: Go's double-quoted string and rune literals. */
public final class GoQuote {
  private GoQuote() {}

  /** {@code strconv.Quote}: printable characters kept, others escaped. */
  public static String quote(String s) {
    return quoteWith(s, '"', false);
  }

  /** {@code strconv.QuoteToASCII}: everything outside ASCII escaped too ({@code %+q}). */
  public static String quoteToAscii(String s) {
    return quoteWith(s, '"', true);
  }

  /** {@code strconv.QuoteRune}. */
  public static String quoteRune(int rune) {
    return quoteWith(new String(Character.toChars(rune)), '\'', false);
  }

  private static String quoteWith(String s, char quote, boolean asciiOnly) {
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    s.codePoints().forEach(c -> appendEscaped(out, c, quote, asciiOnly));
    return out.append(quote).toString();
  }

  private static void appendEscaped(StringBuilder out, int c, char quote, boolean asciiOnly) {
    if (c == quote || c == '\\') {
      out.append('\\').appendCodePoint(c);
      return;
    }
    if (asciiOnly ? c < 0x80 && isPrintable(c) : isPrintable(c)) {
      out.appendCodePoint(c);
      return;
    }
    switch (c) {
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0B -> out.append("\\v");
      default -> appendHex(out, c);
    }
  }

  private static void appendHex(StringBuilder out, int c) {
    if (c < ' ' || c == 0x7f) {
      out.append(String.format("\\x%02x", c));
    } else if (c == 0xFFFD || Character.isSurrogate((char) c) && c <= 0xFFFF) {
      out.append("\\ufffd");
    } else if (c < 0x10000) {
      out.append(String.format("\\u%04x", c));
    } else {
      out.append(String.format("\\U%08x", c));
    }
  }

  /**
   * An approximation of Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation,
   * symbols, ASCII space.
   */
  public static boolean isPrintable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL ->
          true;
      default -> false;
    };
  }
}
