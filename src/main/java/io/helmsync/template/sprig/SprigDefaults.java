package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.BOOL;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoValues;
import java.util.Arrays;

/**
 * Sprig's defaults and flow control ({@code defaults.go}, {@code fail} in {@code functions.go}).
 * "Empty" is Sprig's {@code empty}: the zero value of the type (nil, false, 0, "", an empty list or
 * dict), which is Go's template truth negated; structs are never empty. {@code compact} lives with
 * the list functions.
 */
final class SprigDefaults {
  private SprigDefaults() {}

  static Functions functions() {
    return Functions.builder()
        .add("default", GoFunction.variadic(SprigDefaults::orDefault, ANY, ANY))
        .add("empty", GoFunction.of(a -> !GoValues.truth(a[0]), ANY))
        .add(
            "coalesce",
            GoFunction.variadic(
                a -> Arrays.stream(a).filter(GoValues::truth).findFirst().orElse(null), ANY))
        .add("all", GoFunction.variadic(a -> Arrays.stream(a).allMatch(GoValues::truth), ANY))
        .add("any", GoFunction.variadic(a -> Arrays.stream(a).anyMatch(GoValues::truth), ANY))
        .add("ternary", GoFunction.of(a -> (Boolean) a[2] ? a[0] : a[1], ANY, ANY, BOOL))
        .add(
            "fail",
            GoFunction.of(
                a -> {
                  throw new GoError((String) a[0]);
                },
                STRING))
        .build();
  }

  /** {@code default DEFAULT [GIVEN]}: GIVEN unless it is missing or empty. */
  private static Object orDefault(Object[] args) {
    return args.length < 2 || !GoValues.truth(args[1]) ? args[0] : args[1];
  }
}
