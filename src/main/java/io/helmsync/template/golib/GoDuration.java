package io.helmsync.template.golib;

import java.math.BigDecimal;
import java.util.Map;

/** Go's {@code time.ParseDuration} and {@code time.Duration.String}, in nanoseconds. */
public final class GoDuration {
  private static final Map<String, Long> UNITS =
      Map.of(
          "ns",
          1L,
          "us",
          1_000L,
          "µs",
          1_000L,
          "μs",
          1_000L,
          "ms",
          1_000_000L,
          "s",
          1_000_000_000L,
          "m",
          60_000_000_000L,
          "h",
          3_600_000_000_000L);

  private GoDuration() {}

  /**
   * @throws GoError with Go's message, e.g. {@code time: invalid duration "x"}
   */
  public static long parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal total = BigDecimal.ZERO;
    while (!s.isEmpty()) {
      int n = 0;
      while (n < s.length() && (Character.isDigit(s.charAt(n)) || s.charAt(n) == '.')) {
        n++;
      }
      String number = s.substring(0, n);
      if (number.isEmpty()
          || number.equals(".")
          || number.indexOf('.') != number.lastIndexOf('.')) {
        throw invalid(text);
      }
      int u = n;
      while (u < s.length() && !Character.isDigit(s.charAt(u)) && s.charAt(u) != '.') {
        u++;
      }
      String unit = s.substring(n, u);
      if (unit.isEmpty()) {
        throw new GoError("time: missing unit in duration " + GoQuote.quote(text));
      }
      Long scale = UNITS.get(unit);
      if (scale == null) {
        throw new GoError(
            "time: unknown unit " + GoQuote.quote(unit) + " in duration " + GoQuote.quote(text));
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(scale)));
      s = s.substring(u);
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(text);
    }
    long nanos = total.longValue();
    return negative ? -nanos : nanos;
  }

  private static GoError invalid(String text) {
    return new GoError("time: invalid duration " + GoQuote.quote(text));
  }

  /** {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    BigDecimal u = BigDecimal.valueOf(nanos).abs();
    if (u.compareTo(BigDecimal.valueOf(1_000_000_000L)) < 0) {
      long abs = u.longValue();
      if (abs < 1_000) {
        return sign + abs + "ns";
      }
      if (abs < 1_000_000) {
        return sign + decimal(u, 3) + "µs";
      }
      return sign + decimal(u, 6) + "ms";
    }
    // Unsigned, as Go's is: the most negative duration has no positive counterpart in a long.
    long abs = nanos < 0 ? -nanos : nanos;
    long hours = Long.divideUnsigned(abs, 3_600_000_000_000L);
    long minutes = Long.divideUnsigned(abs, 60_000_000_000L) % 60;
    String seconds =
        decimal(BigDecimal.valueOf(Long.remainderUnsigned(abs, 60_000_000_000L)), 9) + "s";
    if (hours > 0) {
      return sign + hours + "h" + minutes + "m" + seconds;
    }
    if (minutes > 0) {
      return sign + minutes + "m" + seconds;
    }
    return sign + seconds;
  }

  private static String decimal(BigDecimal value, int scale) {
    return value.movePointLeft(scale).stripTrailingZeros().toPlainString();
  }

  /**
   * {@code d.Round(m)}: halfway values round away from zero, and a result past the int64 range
   * saturates, as Go's does.
   */
  public static long round(long d, long m) {
    long r = d % m;
    if (d < 0) {
      r = -r;
      if (lessThanHalf(r, m)) {
        return d + r;
      }
      long rounded = d - m + r;
      return rounded < d ? rounded : Long.MIN_VALUE;
    }
    if (lessThanHalf(r, m)) {
      return d - r;
    }
    long rounded = d + m - r;
    return rounded > d ? rounded : Long.MAX_VALUE;
  }

  private static boolean lessThanHalf(long x, long y) {
    return Long.compareUnsigned(x + x, y) < 0;
  }
}
