package io.helmsync.template;

import static io.helmsync.template.GoType.ANY;
import static io.helmsync.template.GoType.BOOL;
import static io.helmsync.template.GoType.STRING;

import java.util.Arrays;

/**
 * Sprig's defaults and emptiness ({@code defaults.go}), conversions and reflection
 * ({@code reflect.go}).
 */
final class SprigValues {
  private SprigValues() {}

  static Functions functions() {
    return Functions.builder()
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
        .add("deepEqual", GoFunction.of(a -> GoValues.deepEqual(a[0], a[1]), ANY, ANY))
        .add("toJson", GoFunction.of(a -> GoJson.marshalOrEmpty(a[0]), ANY))
        .add("toRawJson", GoFunction.of(a -> rawJson(a[0]), ANY))
        .build();
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
