package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.Int64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's conversions (spf13/cast's lenient rules, strconv.Atoi's value without its error) and
 * reflection (Go's %T, reflect.Kind and reflect.DeepEqual) as Helm runs them.
 */
class SprigConversionsTest extends FunctionCases {
  @Override
  Functions functions() {
    return SprigConversions.functions();
  }

  @Override
  Object data() {
    return DATA;
  }

  private static final Map<String, Object> DATA =
      Map.of(
          "list",
          List.of(1L, "a"),
          "list2",
          List.of(1L, "a"),
          "map",
          Map.of("a", List.of(1.5)),
          "map2",
          Map.of("a", List.of(1.5)),
          "f",
          2.5,
          "i64",
          new Int64(1));

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ atoi \"42\" }} {{ atoi \"-7\" }} {{ atoi \"+3\" }} {{ atoi \"4.5\" }} {{ "
                + "atoi \"x\" }} {{ atoi \"\" }}",
            "42 -7 3 0 0 0"),
        new Case(
            "{{ atoi \"1_000\" }} {{ atoi \"0x10\" }} {{ atoi \"007\" }} {{ printf \"%T\" "
                + "(atoi \"1\") }}",
            "0 0 7 int"),
        new Case(
            "{{ atoi \"99999999999999999999\" }} {{ atoi \"-99999999999999999999\" }}",
            "9223372036854775807 -9223372036854775808"),
        new Case(
            "{{ int \"42\" }} {{ int 4.9 }} {{ int -4.9 }} {{ int \"0x1F\" }} {{ int "
                + "\"010\" }} {{ int \"4.0\" }}",
            "42 4 -4 31 8 4"),
        new Case(
            "{{ int \"4.5\" }} {{ int true }} {{ int nil }} {{ int \"abc\" }} {{ int .list "
                + "}} {{ int .i64 }}",
            "0 1 0 0 0 1"),
        // float64 to int beyond int64 is platform-defined in Go; amd64 gives MinInt64.
        new Case(
            "{{ int 1e20 }} {{ printf \"%T %T\" (int 1) (int64 1) }} {{ int64 \"9\" }}",
            "-9223372036854775808 int int64 9"),
        new Case(
            "{{ float64 \"1.5\" }} {{ float64 3 }} {{ float64 \"x\" }} {{ float64 true }} "
                + "{{ float64 \"1e3\" }}",
            "1.5 3 0 1 1000"),
        new Case(
            "{{ float64 \"inf\" }} {{ float64 \"-Infinity\" }} {{ float64 \"NaN\" }} {{ "
                + "float64 .i64 }} {{ printf \"%T\" (float64 1) }}",
            "+Inf -Inf NaN 1 float64"),
        new Case(
            "{{ typeOf 1 }}|{{ typeOf \"a\" }}|{{ typeOf 1.5 }}|{{ typeOf true }}|{{ "
                + "typeOf nil }}|{{ typeOf .i64 }}",
            "int|string|float64|bool|<nil>|int64"),
        new Case("{{ typeOf .list }}|{{ typeOf .map }}", "[]interface {}|map[string]interface {}"),
        new Case(
            "{{ typeIs \"int\" 1 }} {{ typeIs \"int64\" 1 }} {{ typeIs \"string\" \"x\" }} "
                + "{{ typeIs \"<nil>\" nil }}",
            "true false true true"),
        new Case(
            "{{ typeIsLike \"int\" 1 }} {{ typeIsLike \"float64\" 1 }} {{ typeIsLike "
                + "\"[]interface {}\" .list }}",
            "true false true"),
        new Case(
            "{{ kindOf 1 }} {{ kindOf .list }} {{ kindOf .map }} {{ kindOf nil }} {{ "
                + "kindOf \"s\" }} {{ kindOf .f }} {{ kindOf .i64 }}",
            "int slice map invalid string float64 int64"),
        new Case(
            "{{ kindIs \"slice\" .list }} {{ kindIs \"map\" .list }} {{ kindIs \"invalid\" "
                + ".missing }}",
            "true false true"),
        new Case(
            "{{ deepEqual 1 1 }} {{ deepEqual 1 .i64 }} {{ deepEqual 1 1.0 }} {{ deepEqual "
                + ".list .list2 }} {{ deepEqual .map .map2 }}",
            "true false false true true"),
        new Case(
            "{{ deepEqual nil nil }} {{ deepEqual \"a\" \"b\" }} {{ deepEqual .list .map "
                + "}} {{ deepEqual (float64 \"NaN\") (float64 \"NaN\") }}",
            "true false false false"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ atoi 5 }}", "expected string; found 5"),
        new Case("{{ atoi .f }}", "wrong type for value; expected string; got float64"),
        new Case("{{ typeIs 1 1 }}", "expected string; found 1"),
        new Case("{{ deepEqual 1 }}", "wrong number of args for deepEqual: want 2 got 1"));
  }
}
