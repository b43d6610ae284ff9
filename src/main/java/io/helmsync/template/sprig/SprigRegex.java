package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.INT;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoRegexp;
import java.util.function.BiFunction;

/**
 * Sprig's regular expression functions, with Go's RE2 syntax and matching rules ({@link GoRegexp}).
 * The plain forms use {@code regexp.MustCompile}, so a bad pattern fails the template with Go's
 * panic text; the {@code must} forms return the compile error itself; {@code regexMatch} alone
 * swallows it and answers false.
 */
final class SprigRegex {
  private SprigRegex() {}

  static Functions functions() {
    return Functions.builder()
        .add(
            "regexMatch",
            GoFunction.of(a -> regexMatch((String) a[0], (String) a[1]), STRING, STRING))
        .add(
            "mustRegexMatch",
            GoFunction.of(
                a -> GoRegexp.compile((String) a[0]).matches((String) a[1]), STRING, STRING))
        .add("regexFind", twoArgs(GoRegexp::mustCompile, GoRegexp::find))
        .add("mustRegexFind", twoArgs(GoRegexp::compile, GoRegexp::find))
        .add("regexFindAll", withCount(GoRegexp::mustCompile, false))
        .add("mustRegexFindAll", withCount(GoRegexp::compile, false))
        .add("regexSplit", withCount(GoRegexp::mustCompile, true))
        .add("mustRegexSplit", withCount(GoRegexp::compile, true))
        .add("regexReplaceAll", replace(GoRegexp::mustCompile, false))
        .add("mustRegexReplaceAll", replace(GoRegexp::compile, false))
        .add("regexReplaceAllLiteral", replace(GoRegexp::mustCompile, true))
        .add("mustRegexReplaceAllLiteral", replace(GoRegexp::compile, true))
        .add("regexQuoteMeta", SprigStrings.str(SprigRegex::quoteMeta))
        .build();
  }

  private static boolean regexMatch(String regex, String s) {
    try {
      return GoRegexp.compile(regex).matches(s);
    } catch (GoError e) {
      return false;
    }
  }

  private static GoFunction twoArgs(
      java.util.function.Function<String, GoRegexp> compile,
      BiFunction<GoRegexp, String, Object> f) {
    return GoFunction.of(a -> f.apply(compile.apply((String) a[0]), (String) a[1]), STRING, STRING);
  }

  private static GoFunction withCount(
      java.util.function.Function<String, GoRegexp> compile, boolean split) {
    return GoFunction.of(
        a -> {
          GoRegexp re = compile.apply((String) a[0]);
          return split
              ? re.split((String) a[1], (Long) a[2])
              : re.findAllStrings((String) a[1], (Long) a[2]);
        },
        STRING,
        STRING,
        INT);
  }

  /** Sprig's argument order: regex, source, replacement. */
  private static GoFunction replace(
      java.util.function.Function<String, GoRegexp> compile, boolean literal) {
    return GoFunction.of(
        a -> compile.apply((String) a[0]).replaceAll((String) a[1], (String) a[2], literal),
        STRING,
        STRING,
        STRING);
  }

  /** {@code regexp.QuoteMeta}: a backslash before each of {@code \.+*?()|[]{}^$}. */
  private static String quoteMeta(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
