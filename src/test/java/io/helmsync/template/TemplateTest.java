package io.helmsync.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The language itself, case by case, with outputs and errors as Go 1.22's text/template gives them
 * (missingkey=default unless a case says otherwise). The Helm differential suite checks the same
 * ground against Helm's engine; these cases run without it and pin down the core.
 */
class TemplateTest {
  record Case(String template, Object data, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  static Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "orchestrate");
    data.put("port", 8080L);
    data.put("ratio", 0.25);
    data.put("big", 1_000_000.0);
    data.put("list", List.of("a", "b", "c"));
    data.put("empty", List.of());
    data.put("map", Map.of("b", 2L, "a", 1L));
    data.put("nested", Map.of("inner", Map.of("value", "deep")));
    data.put("nothing", null);
    data.put("yes", true);
    return data;
  }

  static Stream<Case> outputs() {
    Map<String, Object> d = data();
    return Stream.of(
        new Case("plain text", d, "plain text"),
        new Case("{{ .name }}", d, "orchestrate"),
        new Case("a  {{- .name -}}  b", d, "aorchestrateb"),
        new Case("a\n\t {{- /* comment */ -}} \n b", d, "ab"),
        new Case("{{/* comment */}}x", d, "x"),
        new Case("{{ .port }} {{ .ratio }} {{ .big }}", d, "8080 0.25 1e+06"),
        new Case(
            "{{ .map }} {{ .list }} {{ .nothing }} {{ .missing }}",
            d,
            "map[a:1 b:2] [a b c] <no value> <no value>"),
        new Case("{{ .nested.inner.value }}", d, "deep"),
        new Case("{{ .missing.deeper }}", d, "<no value>"),
        new Case(
            "{{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ -2 }} {{ 1.50 }}",
            d,
            "31 15 15 5 1000 1000 -2 1.5"),
        new Case("{{ 'a' }} {{ \"\\u00e9\\t|\" }} {{ `raw\\n` }}", d, "97 é\t| raw\\n"),
        new Case("{{ print nil }}{{ true }} {{ false }}", d, "<nil>true false"),
        new Case("{{ if .yes }}y{{ else }}n{{ end }}", d, "y"),
        new Case("{{ if .empty }}1{{ else if .missing }}2{{ else }}3{{ end }}", d, "3"),
        new Case("{{ range $i, $v := .list }}{{ $i }}={{ $v }};{{ end }}", d, "0=a;1=b;2=c;"),
        new Case("{{ range $k, $v := .map }}{{ $k }}{{ $v }}{{ end }}", d, "a1b2"),
        new Case("{{ range .empty }}x{{ else }}none{{ end }}", d, "none"),
        new Case("{{ range 3 }}{{ . }}{{ end }}", d, "012"),
        new Case(
            "{{ range .list }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", d, "ac"),
        new Case(
            "{{ range .list }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", d, "a"),
        new Case("{{ with .nested.inner }}{{ .value }}{{ end }}", d, "deep"),
        new Case("{{ with .missing }}x{{ else with .name }}{{ . }}{{ end }}", d, "orchestrate"),
        new Case("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", d, "2"),
        new Case(
            "{{ define \"inner\" }}[{{ . }}]{{ end }}{{ template \"inner\" .name }}",
            d,
            "[orchestrate]"),
        new Case("{{ block \"b\" .port }}<{{ . }}>{{ end }}", d, "<8080>"),
        new Case("{{ .name | printf \"%s-%d\" \"x\" }}", d, "x-%!d(string=orchestrate)"),
        new Case(
            "{{ printf \"%05.2f|%x|%q|%v|%5s|%-5s|\" 3.14159 255 \"hi\" .map \"ab\" \"ab\" }}",
            d, "03.14|ff|\"hi\"|map[a:1 b:2]|   ab|ab   |"),
        new Case("{{ printf \"%d %s\" 1 }}", d, "1 %!s(MISSING)"),
        new Case("{{ printf \"%d\" 1 2 }}", d, "1%!(EXTRA int=2)"),
        new Case("{{ and 1 0 2 }} {{ or 0 \"\" \"x\" }} {{ not .empty }}", d, "0 x true"),
        new Case(
            "{{ len .list }} {{ len \"héllo\" }} {{ index .list 1 }} {{ index .map \"b\" }}",
            d,
            "3 6 b 2"),
        new Case("{{ slice .list 1 }} {{ slice \"hello\" 1 3 }}", d, "[b c] el"),
        new Case(
            "{{ eq 1 2 1 }} {{ ne \"a\" \"b\" }} {{ lt 1 2 }} {{ ge 2.5 2.5 }}",
            d,
            "true true true true"),
        new Case(
            "{{ html \"<a href='x'>\" }} {{ js \"it's <b>\" }} {{ urlquery \"a b&c\" }}",
            d,
            "&lt;a href=&#39;x&#39;&gt; it\\'s \\u003Cb\\u003E a+b%26c"),
        new Case("{{ print 1 2 \"a\" 3 }} {{ println 1 \"a\" }}", d, "1 2a3 1 a\n"),
        new Case("{{ (index .list 0) }}{{ (.nested).inner.value }}", d, "adeep"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsGoDoes(Case c) {
    Template t = Template.create(Functions.empty(), MissingKey.DEFAULT).parse("t", c.template());
    assertThat(t.execute("t", c.data())).isEqualTo(c.expected());
  }

  static Stream<Case> errors() {
    Map<String, Object> d = data();
    return Stream.of(
        new Case("{{ nosuch 1 }}", d, "template: t:1: function \"nosuch\" not defined"),
        new Case("a\n{{ .x", d, "template: t:2: unclosed action"),
        new Case("{{ if true }}", d, "template: t:1: unexpected EOF"),
        new Case("{{ end }}", d, "template: t:1: unexpected {{end}}"),
        new Case("{{ $y }}", d, "template: t:1: undefined variable \"$y\""),
        new Case("{{ 12ab }}", d, "template: t:1: bad number syntax: \"12a\""),
        new Case("{{ .x | 3 }}", d, "template: t:1: non executable command in pipeline stage 2"),
        new Case("{{ break }}", d, "template: t:1: {{break}} outside {{range}}"),
        new Case(
            "\n  {{ .nothing.field }}",
            d,
            "template: t:2:13: executing \"t\" at <.nothing.field>: nil pointer evaluating interface {}.field"),
        new Case(
            "{{ .name.field }}",
            d,
            "template: t:1:8: executing \"t\" at <.name.field>: can't evaluate field field in type interface {}"),
        new Case(
            "{{ index .list 5 }}",
            d,
            "template: t:1:3: executing \"t\" at <index .list 5>: error calling index: index out of range: 5"),
        new Case(
            "{{ printf }}",
            d,
            "template: t:1:3: executing \"t\" at <printf>: wrong number of args for printf: want at least 1 got 0"),
        new Case(
            "{{ printf 3 }}",
            d,
            "template: t:1:10: executing \"t\" at <3>: expected string; found 3"),
        new Case(
            "{{ eq .port 1.5 }}",
            d,
            "template: t:1:3: executing \"t\" at <eq .port 1.5>: error calling eq: incompatible types for comparison: int and float64"),
        new Case(
            "{{ template \"none\" }}",
            d,
            "template: t:1:12: executing \"t\" at <{{template \"none\"}}>: template \"none\" not defined"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void failsAsGoDoes(Case c) {
    assertThatThrownBy(
            () ->
                Template.create(Functions.empty(), MissingKey.DEFAULT)
                    .parse("t", c.template())
                    .execute("t", c.data()))
        .isInstanceOf(TemplateException.class)
        .hasMessage(c.expected());
  }

  @ParameterizedTest
  @MethodSource("missingKeys")
  void missingKeyModes(MissingKey mode, String expected) {
    Template t = Template.create(Functions.empty(), mode).parse("t", "{{ .absent }}");
    if (expected.startsWith("template:")) {
      assertThatThrownBy(() -> t.execute("t", Map.of())).hasMessage(expected);
    } else {
      assertThat(t.execute("t", Map.of())).isEqualTo(expected);
    }
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> missingKeys() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(MissingKey.DEFAULT, "<no value>"),
        org.junit.jupiter.params.provider.Arguments.of(MissingKey.ZERO, "<no value>"),
        org.junit.jupiter.params.provider.Arguments.of(
            MissingKey.ERROR,
            "template: t:1:3: executing \"t\" at <.absent>: map has no entry for key \"absent\""));
  }
}
