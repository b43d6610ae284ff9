package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's defaults and flow control as Helm runs them: outputs from Sprig's defaults.go and docs
 * (defaults.md, flow_control.md); "empty" is the zero value of the value's type.
 */
class SprigDefaultsTest extends FunctionCases {
  @Override
  Functions functions() {
    return SprigDefaults.functions();
  }

  @Override
  Map<String, Object> data() {
    Map<String, Object> data = new HashMap<>();
    data.put("list", List.of(1L));
    data.put("emptyList", List.of());
    data.put("emptyMap", Map.of());
    data.put("zero", 0.0);
    data.put("nil", null);
    return data;
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ default \"foo\" .missing }} {{ default \"foo\" \"\" }} {{ default \"foo\" "
                + "\"bar\" }}",
            "foo foo bar"),
        new Case(
            "{{ default \"d\" 0 }} {{ default \"d\" false }} {{ default \"d\" .zero }} {{ "
                + "default \"d\" .nil }}",
            "d d d d"),
        new Case(
            "{{ default \"d\" .emptyList }} {{ default \"d\" .emptyMap }} {{ default \"d\" "
                + ".list }}",
            "d d [1]"),
        new Case(
            "{{ default \"d\" }} {{ .missing | default \"x\" }} {{ default 1 2 3 }} {{ "
                + "default \"d\" \" \" }}|",
            "d x 2  |"),
        new Case(
            "{{ empty \"\" }} {{ empty 0 }} {{ empty 0.0 }} {{ empty false }} {{ empty nil "
                + "}} {{ empty .missing }}",
            "true true true true true true"),
        new Case(
            "{{ empty .list }} {{ empty \" \" }} {{ empty .emptyMap }} {{ empty .emptyList "
                + "}} {{ empty 0.1 }}",
            "false false true true false"),
        new Case(
            "{{ coalesce 0 \"\" .missing \"x\" \"y\" }} {{ coalesce 0 \"\" }} {{ coalesce }}",
            "x <no value> <no value>"),
        new Case("{{ coalesce .emptyList .list }} {{ coalesce false 0.0 1 }}", "[1] 1"),
        new Case(
            "{{ all 1 \"a\" true }} {{ all 1 \"\" }} {{ all }} {{ all .list .emptyMap }}",
            "true false true false"),
        new Case(
            "{{ any 0 \"\" \"a\" }} {{ any 0 false .nil }} {{ any }} {{ any .emptyList "
                + ".list }}",
            "true false false true"),
        new Case(
            "{{ ternary \"a\" \"b\" true }} {{ ternary \"a\" \"b\" false }} {{ true | "
                + "ternary \"y\" \"n\" }}",
            "a b y"),
        new Case("{{ ternary .list nil false }}", "<no value>"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ fail \"boom: stop\" }}", "error calling fail: boom: stop"),
        new Case("{{ fail 1 }}", "expected string; found 1"),
        new Case("{{ default }}", "wrong number of args for default: want at least 1 got 0"),
        new Case("{{ ternary 1 2 .zero }}", "wrong type for value; expected bool; got float64"),
        new Case("{{ ternary 1 2 \"x\" }}", "expected bool; found \"x\""));
  }
}
