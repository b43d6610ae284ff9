package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's math family as Helm runs it: outputs from Sprig's numeric.go, functions.go and docs
 * (math.md, mathf.md, integer_slice.md); errors are Go's panics and type checks.
 */
class SprigMathTest extends FunctionCases {
  @Override
  Functions functions() {
    return SprigMath.functions();
  }

  @Override
  Object data() {
    return DATA;
  }

  private static final Map<String, Object> DATA = Map.of("f", 3.0, "n", 3L, "s", "7", "neg", -2.5);

  static Stream<Case> outputs() {
    return Stream.of(
        new Case("{{ add 1 2 3 }} {{ add }} {{ add \"3\" 2.9 true nil }}", "6 0 6"),
        new Case("{{ add \"0x10\" \"010\" \"1.0\" \"1.5\" \"x\" }}", "25"),
        new Case("{{ add 9223372036854775807 1 }}", "-9223372036854775808"),
        new Case("{{ add1 .f }} {{ add1 \"x\" }} {{ sub 1 3 }} {{ sub .s .f }}", "4 1 -2 4"),
        new Case("{{ mul 2 3 4 }} {{ mul 5 }} {{ mul 9223372036854775807 2 }}", "24 5 -2"),
        new Case("{{ div 7 2 }} {{ div -7 2 }} {{ mod -7 2 }} {{ mod 7 .f }}", "3 -3 -1 1"),
        new Case("{{ div -9223372036854775808 -1 }}", "-9223372036854775808"),
        new Case(
            "{{ max 1 5 3 }} {{ biggest 2 }} {{ min 1 -5 \"3\" }} {{ max 2.9 2 }}", "5 2 -5 2"),
        new Case(
            "{{ printf \"%T\" (add 1 2) }} {{ printf \"%T\" (max 1) }} {{ printf \"%T\" "
                + "(div 4 2) }}",
            "int64 int64 int64"),
        new Case(
            "{{ maxf 1 2.5 }} {{ minf 1 2.5 -1 }} {{ maxf \"3.5\" }} {{ printf \"%T\" "
                + "(maxf 1) }}",
            "2.5 -1 3.5 float64"),
        new Case(
            "{{ floor 1.5 }} {{ floor .neg }} {{ ceil \"1.2\" }} {{ ceil .neg }}", "1 -3 2 -2"),
        new Case(
            "{{ round 3.14159 2 }} {{ round 123.555555 3 }} {{ round 2.5 0 }} {{ round "
                + ".neg 0 }}",
            "3.14 123.556 3 -3"),
        new Case(
            "{{ round 3.145 2 0.6 }} {{ round 1234 -2 }} {{ printf \"%T\" (round 1 0) }}",
            "3.14 1200 float64"),
        new Case(
            "{{ addf 1.5 2 2 }} {{ addf 0.1 0.2 }} {{ addf }} {{ add1f 1.5 }}", "5.5 0.3 0 2.5"),
        new Case(
            "{{ subf 7.5 2 3 }} {{ subf 0.3 0.1 }} {{ mulf 1.5 2 2 }} {{ mulf 0.1 3 }}",
            "2.5 0.2 6 0.3"),
        new Case(
            "{{ divf 10 4 }} {{ divf 1 3 }} {{ divf 2 3 }} {{ divf 5 }}",
            "2.5 0.3333333333333333 0.6666666666666667 5"),
        new Case("{{ addf \"x\" true }} {{ printf \"%T\" (addf 1) }}", "1 float64"),
        new Case(
            "{{ toDecimal \"0777\" }} {{ toDecimal 777 }} {{ toDecimal \"8\" }} {{ "
                + "toDecimal 0.5 }}",
            "511 511 0 0"),
        new Case(
            "{{ toDecimal \"-10\" }} {{ toDecimal nil }} {{ printf \"%T\" (toDecimal 1) }}",
            "-8 0 int64"),
        new Case(
            "{{ until 5 }} {{ until -3 }} {{ until 0 }} {{ until .n }}",
            "[0 1 2 3 4] [0 -1 -2] [] [0 1 2]"),
        new Case(
            "{{ untilStep 3 6 2 }} {{ untilStep 0 10 0 }} {{ untilStep 10 0 -3 }} {{ "
                + "untilStep 0 3 -1 }}",
            "[3 5] [] [10 7 4 1] []"),
        new Case(
            "{{ seq 5 }}|{{ seq -3 }}|{{ seq 0 }}|{{ seq 2 5 }}|{{ seq 5 2 }}",
            "1 2 3 4 5|1 0 -1 -2 -3|1 0|2 3 4 5|5 4 3 2"),
        new Case(
            "{{ seq 0 2 10 }}|{{ seq 0 -2 -5 }}|{{ seq 10 1 1 }}|{{ seq }}|{{ seq 1 2 3 4 }}",
            "0 2 4 6 8 10|0 -2 -4|||"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ div 1 0 }}", "error calling div: runtime error: integer divide by zero"),
        new Case("{{ mod 1 \"x\" }}", "error calling mod: runtime error: integer divide by zero"),
        new Case("{{ divf 1 0 }}", "error calling divf: decimal division by 0"),
        new Case("{{ until .f }}", "wrong type for value; expected int; got float64"),
        new Case("{{ untilStep 0 \"5\" 1 }}", "expected integer; found \"5\""),
        new Case("{{ round 1.5 .f }}", "wrong type for value; expected int; got float64"),
        new Case("{{ seq 1 .f }}", "wrong type for value; expected int; got float64"));
  }
}
