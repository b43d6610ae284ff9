package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.Int64;
import java.math.BigInteger;

/**
 * Sprig's number conversions ({@code atoi}, {@code int}, {@code int64}, {@code float64}, via
 * spf13/cast: lenient, 0 for what does not convert) and reflection ({@code reflect.go}: {@code
 * typeOf} is {@code %T}, {@code kindOf} is {@code reflect.Kind}, {@code deepEqual} is {@code
 * reflect.DeepEqual}, so int and int64 differ, as do 1 and 1.0).
 */
final class SprigConversions {
  private static final BigInteger INT_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SprigConversions() {}

  static Functions functions() {
    return Functions.builder()
        .add("atoi", GoFunction.of(a -> atoi((String) a[0]), STRING))
        .add("int", GoFunction.of(a -> GoCast.toInt64(a[0]), ANY))
        .add("int64", GoFunction.of(a -> new Int64(GoCast.toInt64(a[0])), ANY))
        .add("float64", GoFunction.of(a -> GoCast.toFloat64(a[0]), ANY))
        .add("typeOf", GoFunction.of(a -> GoValues.typeName(a[0]), ANY))
        .add("typeIs", GoFunction.of(a -> a[0].equals(GoValues.typeName(a[1])), STRING, ANY))
        .add("typeIsLike", GoFunction.of(a -> isLike((String) a[0], a[1]), STRING, ANY))
        .add("kindOf", GoFunction.of(a -> GoValues.kindOf(a[0]).goName(), ANY))
        .add("kindIs", GoFunction.of(a -> a[0].equals(GoValues.kindOf(a[1]).goName()), STRING, ANY))
        .add("deepEqual", GoFunction.of(a -> GoValues.deepEqual(a[0], a[1]), ANY, ANY))
        .build();
  }

  /**
   * Sprig's {@code atoi} keeps {@code strconv.Atoi}'s value and drops its error: decimal digits
   * with an optional sign, 0 for anything else, and the nearest int64 when out of range.
   */
  private static long atoi(String text) {
    if (!text.matches("[+-]?[0-9]+")) {
      return 0;
    }
    BigInteger value = new BigInteger(text);
    return value.max(INT_MIN).min(INT_MAX).longValue();
  }

  /** {@code typeIsLike T V}: V's type is T or a pointer to T. */
  private static boolean isLike(String target, Object value) {
    String type = GoValues.typeName(value);
    return target.equals(type) || ("*" + target).equals(type);
  }
}
