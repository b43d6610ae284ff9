package io.helmsync.template.sprig;

import io.helmsync.template.golib.GoLiterals;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.NoValue;
import java.util.Locale;

/**
 * The conversions Sprig makes with {@code spf13/cast} and its own {@code strval}: lenient, with 0
 * (or the value's printing) where Go's would fail silently, because charts rely on that.
 */
public final class GoCast {
  private GoCast() {}

  /** Sprig's {@code strval}: strings as they are, anything else as {@code fmt.Sprintf("%v")}. */
  public static String strval(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value == NoValue.NO_VALUE) {
      return "<nil>";
    }
    return GoPrint.value(value);
  }

  /** {@code cast.ToInt64}: integers, truncated floats, numeric strings, booleans; else 0. */
  public static long toInt64(Object value) {
    if (GoValues.isInteger(value)) {
      return GoValues.integer(value);
    }
    if (value instanceof Double d) {
      return floatToInt(d);
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof String s) {
      Long parsed = GoLiterals.parseInt(trimZeroDecimal(s));
      return parsed == null ? 0 : parsed;
    }
    return 0;
  }

  /** {@code cast.ToFloat64}: numbers, numeric strings, booleans; else 0. */
  public static double toFloat64(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    if (GoValues.isInteger(value)) {
      return GoValues.integer(value);
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (value instanceof String s) {
      Double parsed = GoLiterals.parseFloat(s);
      return parsed != null ? parsed : special(s);
    }
    return 0;
  }

  /**
   * Go's float64-to-int64 conversion as amd64 performs it (Helm's usual platform): truncation, with
   * NaN and out-of-range values becoming MinInt64 where Java would saturate.
   */
  public static long floatToInt(double value) {
    boolean representable = value >= -0x1p63 && value < 0x1p63;
    return representable ? (long) value : Long.MIN_VALUE;
  }

  /** The words {@code strconv.ParseFloat} accepts besides numbers: infinities and NaN; else 0. */
  private static double special(String s) {
    String word = s.toLowerCase(Locale.ROOT);
    String unsigned = word.startsWith("+") || word.startsWith("-") ? word.substring(1) : word;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return word.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return word.equals("nan") ? Double.NaN : 0;
  }

  /** cast's {@code trimZeroDecimal}: "12.00" reads as "12", "12.50" stays. */
  private static String trimZeroDecimal(String s) {
    int dot = s.indexOf('.');
    if (dot < 0 || dot == s.length() - 1) {
      return s;
    }
    for (int i = dot + 1; i < s.length(); i++) {
      if (s.charAt(i) != '0') {
        return s;
      }
    }
    return s.substring(0, dot);
  }
}
