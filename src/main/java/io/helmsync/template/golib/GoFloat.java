package io.helmsync.template.golib;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * {@code strconv.FormatFloat} for float64: the shortest digits that read back as the same value (as
 * Go prints {@code %v}, hence Helm's famous {@code 1e+06}), or correctly rounded digits for a given
 * precision.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Decimal digits {@code 0.DIGITS × 10^pointPosition}, no leading or trailing zeros. */
  private record Decimal(String digits, int point) {}

  /** Formats like Go's {@code strconv.FormatFloat(v, verb, precision, 64)}; -1 is shortest. */
  public static String format(double v, char verb, int precision) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean negative = v < 0 || v == 0 && 1 / v < 0;
    String body = formatAbs(Math.abs(v), verb, precision);
    return negative ? "-" + body : body;
  }

  /** {@code %v}: the shortest representation, switching to an exponent as Go does. */
  public static String shortest(double v) {
    return format(v, 'g', -1);
  }

  private static String formatAbs(double v, char verb, int precision) {
    boolean shortest = precision < 0;
    char lower = Character.toLowerCase(verb);
    Decimal digits = shortest ? shortestDigits(v) : roundedDigits(v, lower, precision);
    if (shortest) {
      precision =
          switch (lower) {
            case 'e' -> Math.max(digits.digits().length() - 1, 0);
            case 'f' -> Math.max(digits.digits().length() - digits.point(), 0);
            default -> digits.digits().length();
          };
    }
    char exponentChar = Character.isUpperCase(verb) ? 'E' : 'e';
    return switch (lower) {
      case 'e' -> exponential(digits, precision, exponentChar);
      case 'f' -> fixed(digits, precision);
      default -> general(digits, precision, shortest, exponentChar);
    };
  }

  private static String general(Decimal d, int precision, boolean shortest, char e) {
    int count = d.digits().length();
    int eprec = precision;
    if (eprec > count && count >= d.point()) {
      eprec = count;
    }
    if (shortest) {
      eprec = 6;
    }
    int exponent = d.point() - 1;
    if (exponent < -4 || exponent >= eprec) {
      return exponential(d, Math.min(precision, count) - 1, e);
    }
    int fraction = precision > d.point() ? count : precision;
    return fixed(d, Math.max(fraction - d.point(), 0));
  }

  private static String exponential(Decimal d, int precision, char e) {
    StringBuilder out = new StringBuilder();
    String digits = d.digits();
    out.append(digits.isEmpty() ? '0' : digits.charAt(0));
    if (precision > 0) {
      out.append('.');
      for (int i = 1; i <= precision; i++) {
        out.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    }
    int exponent = digits.isEmpty() ? 0 : d.point() - 1;
    out.append(e).append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      out.append('0');
    }
    return out.append(abs).toString();
  }

  private static String fixed(Decimal d, int precision) {
    StringBuilder out = new StringBuilder();
    String digits = d.digits();
    if (d.point() > 0) {
      for (int i = 0; i < d.point(); i++) {
        out.append(i < digits.length() ? digits.charAt(i) : '0');
      }
    } else {
      out.append('0');
    }
    if (precision > 0) {
      out.append('.');
      for (int i = 1; i <= precision; i++) {
        int index = d.point() + i - 1;
        out.append(index >= 0 && index < digits.length() ? digits.charAt(index) : '0');
      }
    }
    return out.toString();
  }

  private static Decimal shortestDigits(double v) {
    if (v == 0) {
      return new Decimal("", 0);
    }
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p < 17; p++) {
      BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == v) {
        return decimal(rounded);
      }
    }
    return decimal(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Decimal roundedDigits(double v, char verb, int precision) {
    BigDecimal exact = new BigDecimal(v);
    if (v == 0) {
      return new Decimal("", 0);
    }
    BigDecimal rounded =
        switch (verb) {
          case 'e' -> exact.round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
          case 'f' -> exact.setScale(precision, RoundingMode.HALF_EVEN);
          default -> exact.round(new MathContext(Math.max(precision, 1), RoundingMode.HALF_EVEN));
        };
    return decimal(rounded);
  }

  private static Decimal decimal(BigDecimal value) {
    if (value.signum() == 0) {
      return new Decimal("", 0);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().abs().toString();
    return new Decimal(digits, digits.length() - stripped.scale());
  }
}
