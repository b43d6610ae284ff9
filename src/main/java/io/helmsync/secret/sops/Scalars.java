package io.helmsync.secret.sops;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scalars as sops sees them: plain YAML scalars resolved as Go's yaml.v3 resolves them into an
 * {@code interface{}} (YAML 1.2 booleans and nulls, Go integer literals, timestamps left as
 * strings), and the bytes sops hashes into the MAC for a value left in clear ({@code
 * sops.ToBytes}).
 */
final class Scalars {
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> TRUES = Set.of("true", "True", "TRUE");
  private static final Set<String> FALSES = Set.of("false", "False", "FALSE");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private Scalars() {}

  /** An integer as the YAML and JSON parsers give it: an Integer when it fits, else a Long. */
  static Object integer(long value) {
    if (value == (int) value) {
      return Integer.valueOf((int) value);
    }
    return Long.valueOf(value);
  }

  /** A plain (unquoted, untagged) YAML scalar as yaml.v3 decodes it. */
  static Object resolvePlain(String text) {
    if (NULLS.contains(text)) {
      return null;
    }
    if (TRUES.contains(text) || FALSES.contains(text)) {
      return TRUES.contains(text);
    }
    Long integer = goInteger(text.replace("_", ""));
    if (integer != null) {
      return integer(integer);
    }
    String plain = text.replace("_", "");
    if (FLOAT.matcher(plain).matches()) {
      return Double.parseDouble(plain);
    }
    if (INFINITY.matcher(text).matches()) {
      return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (NAN.matcher(text).matches()) {
      return Double.NaN;
    }
    return text;
  }

  /** Go's {@code strconv.ParseInt(text, 0, 64)}: decimal, 0x, 0o, 0b or a leading-0 octal. */
  private static Long goInteger(String text) {
    String digits = text;
    boolean negative = false;
    if (digits.startsWith("+") || digits.startsWith("-")) {
      negative = digits.startsWith("-");
      digits = digits.substring(1);
    }
    int radix = 10;
    String lower = digits.toLowerCase(Locale.ROOT);
    if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
      radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
      digits = digits.substring(2);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      radix = 8;
      digits = digits.substring(1);
    }
    int base = radix;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> Character.digit(c, base) >= 0)) {
      return null;
    }
    try {
      return Long.parseLong((negative ? "-" : "") + digits, radix);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code sops.ToBytes}: what the MAC covers for a value left in clear. */
  static byte[] macBytes(Object value) {
    String text;
    if (value instanceof Boolean bool) {
      text = bool ? "True" : "False";
    } else if (value instanceof Double number) {
      text = goFloat(number);
    } else {
      text = String.valueOf(value);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}: the shortest digits, never an exponent. */
  private static String goFloat(double number) {
    if (Double.isNaN(number)) {
      return "NaN";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "+Inf" : "-Inf";
    }
    if (number == 0) {
      return 1 / number < 0 ? "-0" : "0";
    }
    return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
  }
}
