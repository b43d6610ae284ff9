package io.helmsync.template;

import static io.helmsync.template.GoType.ANY;
import static io.helmsync.template.GoType.BOOL;
import static io.helmsync.template.GoType.STRING;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Sprig's arithmetic ({@code numeric.go}: integer results are int64), defaults and emptiness
 * ({@code defaults.go}), conversions and reflection ({@code reflect.go}).
 */
final class SprigValues {
  private SprigValues() {}

  static Functions functions() {
    return Functions.builder()
        .add("add", GoFunction.variadic(a -> new Int64(Arrays.stream(a).mapToLong(GoCast::toInt64).sum()), ANY))
        .add("add1", GoFunction.of(a -> new Int64(GoCast.toInt64(a[0]) + 1), ANY))
        .add("sub", GoFunction.of(a -> new Int64(GoCast.toInt64(a[0]) - GoCast.toInt64(a[1])), ANY, ANY))
        .add("mul", GoFunction.variadic(SprigValues::mul, ANY, ANY))
        .add("div", GoFunction.of(a -> new Int64(divide(a[0], a[1], false)), ANY, ANY))
        .add("mod", GoFunction.of(a -> new Int64(divide(a[0], a[1], true)), ANY, ANY))
        .add("max", GoFunction.variadic(a -> new Int64(extreme(a, true)), ANY, ANY))
        .add("biggest", GoFunction.variadic(a -> new Int64(extreme(a, true)), ANY, ANY))
        .add("min", GoFunction.variadic(a -> new Int64(extreme(a, false)), ANY, ANY))
        .add("addf", GoFunction.variadic(a -> decimalFold(a, BigDecimal::add), ANY))
        .add("subf", GoFunction.variadic(a -> decimalFold(a, BigDecimal::subtract), ANY, ANY))
        .add("mulf", GoFunction.variadic(a -> decimalFold(a, BigDecimal::multiply), ANY, ANY))
        .add("floor", GoFunction.of(a -> Math.floor(GoCast.toFloat64(a[0])), ANY))
        .add("ceil", GoFunction.of(a -> Math.ceil(GoCast.toFloat64(a[0])), ANY))
        .add("int", GoFunction.of(a -> GoCast.toInt64(a[0]), ANY))
        .add("int64", GoFunction.of(a -> new Int64(GoCast.toInt64(a[0])), ANY))
        .add("float64", GoFunction.of(a -> GoCast.toFloat64(a[0]), ANY))
        .add("atoi", GoFunction.of(a -> atoi((String) a[0]), STRING))
        .add("default", GoFunction.variadic(
            a -> a.length < 2 || !GoValues.truth(a[1]) ? a[0] : a[1], ANY, ANY))
        .add("empty", GoFunction.of(a -> !GoValues.truth(a[0]), ANY))
        .add("coalesce", GoFunction.variadic(
            a -> Arrays.stream(a).filter(GoValues::truth).findFirst().orElse(null), ANY))
        .add("all", GoFunction.variadic(a -> Arrays.stream(a).allMatch(GoValues::truth), ANY))
        .add("any", GoFunction.variadic(a -> Arrays.stream(a).anyMatch(GoValues::truth), ANY))
        .add("ternary", GoFunction.of(a -> (Boolean) a[2] ? a[0] : a[1], ANY, ANY, BOOL))
        .add("typeOf", GoFunction.of(a -> GoValues.typeName(a[0]), ANY))
        .add("typeIs", GoFunction.of(a -> a[0].equals(GoValues.typeName(a[1])), STRING, ANY))
        .add("typeIsLike", GoFunction.of(a -> a[0].equals(GoValues.typeName(a[1]))
            || ("*" + a[0]).equals(GoValues.typeName(a[1])), STRING, ANY))
        .add("kindOf", GoFunction.of(a -> GoValues.kindOf(a[0]).goName(), ANY))
        .add("kindIs", GoFunction.of(a -> a[0].equals(GoValues.kindOf(a[1]).goName()), STRING, ANY))
        .add("deepEqual", GoFunction.of(a -> SprigCollections.deepEqual(a[0], a[1]), ANY, ANY))
        .add("toJson", GoFunction.of(a -> GoJson.marshalOrEmpty(a[0]), ANY))
        .add("toRawJson", GoFunction.of(a -> rawJson(a[0]), ANY))
        .build();
  }

  private static Int64 mul(Object[] args) {
    long product = GoCast.toInt64(args[0]);
    for (int i = 1; i < args.length; i++) {
      product *= GoCast.toInt64(args[i]);
    }
    return new Int64(product);
  }

  private static long divide(Object a, Object b, boolean remainder) {
    long divisor = GoCast.toInt64(b);
    if (divisor == 0) {
      throw new GoError("runtime error: integer divide by zero");
    }
    long dividend = GoCast.toInt64(a);
    return remainder ? dividend % divisor : dividend / divisor;
  }

  private static long extreme(Object[] args, boolean max) {
    long result = GoCast.toInt64(args[0]);
    for (int i = 1; i < args.length; i++) {
      long value = GoCast.toInt64(args[i]);
      result = max ? Math.max(result, value) : Math.min(result, value);
    }
    return result;
  }

  /** Sprig's float arithmetic goes through shopspring/decimal, so 0.1 + 0.2 is 0.3. */
  private static double decimalFold(Object[] args, java.util.function.BinaryOperator<BigDecimal> op) {
    BigDecimal result = args.length == 0 ? BigDecimal.ZERO : decimal(args[0]);
    for (int i = 1; i < args.length; i++) {
      result = op.apply(result, decimal(args[i]));
    }
    return result.doubleValue();
  }

  private static BigDecimal decimal(Object value) {
    return new BigDecimal(GoFloat.shortest(GoCast.toFloat64(value)));
  }

  private static long atoi(String s) {
    Long parsed = s.matches("[+-]?[0-9]+") ? GoLiterals.parseInt(s) : null;
    return parsed == null ? 0 : parsed;
  }

  private static String rawJson(Object value) {
    try {
      return GoJson.marshal(value, false);
    } catch (GoError e) {
      return "";
    }
  }
}
