package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.FLOAT64;
import static io.helmsync.template.golib.GoType.INT;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFloat;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.Int64;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.stream.Collectors;

/**
 * Sprig's arithmetic ({@code numeric.go} and the closures in {@code functions.go}). Integer
 * functions convert every operand with {@code cast.ToInt64} and return int64; the {@code *f}
 * functions go through shopspring/decimal, which is why {@code addf 0.1 0.2} is 0.3 in Helm; {@code
 * until}, {@code untilStep} and {@code seq} take Go ints, so a float from values.yaml is a type
 * error there, as in Helm.
 */
final class SprigMath {
  /** shopspring/decimal's {@code DivisionPrecision}: quotients keep 16 decimal places. */
  private static final int DIVISION_PRECISION = 16;

  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SprigMath() {}

  static Functions functions() {
    return Functions.builder()
        .add("add", GoFunction.variadic(a -> new Int64(fold(0, a, 0, Long::sum)), ANY))
        .add("add1", GoFunction.of(a -> new Int64(GoCast.toInt64(a[0]) + 1), ANY))
        .add(
            "sub",
            GoFunction.of(a -> new Int64(GoCast.toInt64(a[0]) - GoCast.toInt64(a[1])), ANY, ANY))
        .add("mul", GoFunction.variadic(a -> new Int64(fold(a, (x, y) -> x * y)), ANY, ANY))
        .add("div", GoFunction.of(a -> new Int64(divide(a[0], a[1], false)), ANY, ANY))
        .add("mod", GoFunction.of(a -> new Int64(divide(a[0], a[1], true)), ANY, ANY))
        .add("max", GoFunction.variadic(a -> new Int64(fold(a, Math::max)), ANY, ANY))
        .add("biggest", GoFunction.variadic(a -> new Int64(fold(a, Math::max)), ANY, ANY))
        .add("min", GoFunction.variadic(a -> new Int64(fold(a, Math::min)), ANY, ANY))
        .add("maxf", GoFunction.variadic(a -> foldFloat(a, Math::max), ANY, ANY))
        .add("minf", GoFunction.variadic(a -> foldFloat(a, Math::min), ANY, ANY))
        .add("floor", GoFunction.of(a -> Math.floor(GoCast.toFloat64(a[0])), ANY))
        .add("ceil", GoFunction.of(a -> Math.ceil(GoCast.toFloat64(a[0])), ANY))
        .add("round", GoFunction.variadic(SprigMath::round, ANY, INT, FLOAT64))
        .add("add1f", GoFunction.of(a -> decimalOp(a[0], new Object[] {1L}, BigDecimal::add), ANY))
        .add("addf", GoFunction.variadic(a -> decimalOp(0.0, a, BigDecimal::add), ANY))
        .add(
            "subf",
            GoFunction.variadic(a -> decimalOp(a[0], rest(a), BigDecimal::subtract), ANY, ANY))
        .add(
            "mulf",
            GoFunction.variadic(a -> decimalOp(a[0], rest(a), BigDecimal::multiply), ANY, ANY))
        .add(
            "divf",
            GoFunction.variadic(a -> decimalOp(a[0], rest(a), SprigMath::decimalDivide), ANY, ANY))
        .add("toDecimal", GoFunction.of(a -> new Int64(octal(GoCast.strval(a[0]))), ANY))
        .add("until", GoFunction.of(a -> until((Long) a[0]), INT))
        .add(
            "untilStep",
            GoFunction.of(a -> untilStep((Long) a[0], (Long) a[1], (Long) a[2]), INT, INT, INT))
        .add("seq", GoFunction.variadic(SprigMath::seq, INT))
        .build();
  }

  private static Object[] rest(Object[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }

  private static long fold(Object[] args, LongBinaryOperator op) {
    return fold(GoCast.toInt64(args[0]), args, 1, op);
  }

  /** Go's int64 arithmetic wraps on overflow, as Java's long does. */
  private static long fold(long start, Object[] args, int from, LongBinaryOperator op) {
    long result = start;
    for (int i = from; i < args.length; i++) {
      result = op.applyAsLong(result, GoCast.toInt64(args[i]));
    }
    return result;
  }

  /** {@code math.Max}/{@code math.Min}, whose NaN and signed-zero rules Java's match. */
  private static double foldFloat(Object[] args, DoubleBinaryOperator op) {
    double result = GoCast.toFloat64(args[0]);
    for (int i = 1; i < args.length; i++) {
      result = op.applyAsDouble(result, GoCast.toFloat64(args[i]));
    }
    return result;
  }

  /** Go panics on an integer division by zero; the template engine reports the runtime error. */
  private static long divide(Object a, Object b, boolean remainder) {
    long divisor = GoCast.toInt64(b);
    if (divisor == 0) {
      throw new GoError("runtime error: integer divide by zero");
    }
    long dividend = GoCast.toInt64(a);
    return remainder ? dividend % divisor : dividend / divisor;
  }

  /**
   * Sprig's {@code round}: scales by 10^places, rounds up when the fraction reaches {@code roundOn}
   * (0.5 unless given), so negative halves round towards minus infinity.
   */
  private static double round(Object[] args) {
    double roundOn = args.length > 2 ? (Double) args[2] : 0.5;
    double value = GoCast.toFloat64(args[0]);
    double pow = pow10((Long) args[1]);
    double digit = pow * value;
    double fraction = digit % 1.0;
    double rounded = fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit);
    return rounded / pow;
  }

  /** Go's {@code math.Pow(10, p)}: exact powers, and the reciprocal for negative p. */
  private static double pow10(long places) {
    double magnitude = Math.pow(10, Math.abs((double) places));
    return places < 0 ? 1 / magnitude : magnitude;
  }

  /** Sprig's {@code execDecimalOp}: float64 operands as exact decimals, the result as float64. */
  private static double decimalOp(Object first, Object[] others, BinaryOperator<BigDecimal> op) {
    BigDecimal result = decimal(first);
    for (Object other : others) {
      result = op.apply(result, decimal(other));
    }
    return result.doubleValue();
  }

  /** {@code decimal.NewFromFloat}: the shortest decimal that reads back as the float. */
  private static BigDecimal decimal(Object value) {
    double d = GoCast.toFloat64(value);
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new GoError("Cannot create a Decimal from " + GoFloat.shortest(d));
    }
    return new BigDecimal(GoFloat.shortest(d));
  }

  /** {@code Decimal.Div}: 16 decimal places, halves rounded away from zero; zero panics. */
  private static BigDecimal decimalDivide(BigDecimal dividend, BigDecimal divisor) {
    if (divisor.signum() == 0) {
      throw new GoError("decimal division by 0");
    }
    return dividend.divide(divisor, DIVISION_PRECISION, RoundingMode.HALF_UP);
  }

  /** {@code strconv.ParseInt(s, 8, 64)}, with 0 for anything it rejects, as toDecimal does. */
  private static long octal(String text) {
    if (!text.matches("[+-]?[0-7]+")) {
      return 0;
    }
    BigInteger value = new BigInteger(text, 8);
    return value.compareTo(INT64_MIN) < 0 || value.compareTo(INT64_MAX) > 0 ? 0 : value.longValue();
  }

  private static List<Object> until(long count) {
    return untilStep(0, count, count < 0 ? -1 : 1);
  }

  /** Sprig's {@code untilStep}: empty when the step does not lead from start towards stop. */
  private static List<Object> untilStep(long start, long stop, long step) {
    List<Object> out = new ArrayList<>();
    if (stop < start) {
      for (long i = start; step < 0 && i > stop; i += step) {
        out.add(i);
      }
      return out;
    }
    for (long i = start; step > 0 && i < stop; i += step) {
      out.add(i);
    }
    return out;
  }

  /** Sprig's {@code seq}, as the Unix command: END, START END, or START STEP END. */
  private static String seq(Object[] args) {
    long[] p = new long[args.length];
    for (int i = 0; i < args.length; i++) {
      p[i] = (Long) args[i];
    }
    return switch (p.length) {
      case 1 -> inclusive(1, p[0], p[0] < 1 ? -1 : 1);
      case 2 -> inclusive(p[0], p[1], p[1] < p[0] ? -1 : 1);
      case 3 -> p[2] < p[0] && p[1] > 0 ? "" : inclusive(p[0], p[2], p[1]);
      default -> "";
    };
  }

  /** The numbers from start by step up to and including end, space-separated. */
  private static String inclusive(long start, long end, long step) {
    return join(untilStep(start, end + (end < start ? -1 : 1), step));
  }

  private static String join(List<Object> numbers) {
    return numbers.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
