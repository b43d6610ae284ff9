package io.helmsync.template.conformance;

/** Go template literals for generated values, so a template can compare against them. */
final class GoLiteral {
  private GoLiteral() {}

  /** A double-quoted Go string; Go reads the UTF-8 of any other character as is. */
  static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Java's shortest repr always has a dot or an exponent, so Go reads it as a float64 too. */
  static String number(Object value) {
    return Double.toString((Double) value);
  }
}
