package io.helmsync.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Helm's engine behaviour that charts depend on: file order and partials, missingkey=zero with
 * {@code <no value>} removed, include/tpl/required, toYaml's go-yaml output, and Helm's error
 * wording. Expected outputs are what {@code helm template} prints for the same input.
 */
class HelmEngineTest {
  private final HelmEngine engine = new HelmEngine();

  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  private static Map<String, Object> data() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("replicas", 3.0);
    values.put("big", 1_000_000.0);
    values.put("name", "orchestrate");
    values.put("resources", Map.of("limits", Map.of("cpu", "500m", "memory", "1Gi")));
    values.put("args", List.of("--port", "8080", "true"));
    values.put("empty", "");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Values", values);
    data.put("Release", Map.of("Name", "api", "Namespace", "orchestrate-demo"));
    return data;
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case("{{ .Values.replicas }} {{ .Values.big }}", "3 1e+06"),
        new Case("x{{ .Values.missing }}y", "xy"),
        new Case("{{ toYaml .Values.resources }}", "limits:\n  cpu: 500m\n  memory: 1Gi"),
        new Case("{{ toYaml .Values.args }}", "- --port\n- \"8080\"\n- \"true\""),
        new Case("{{ toYaml .Values.big }}", "1000000"),
        new Case(
            "a:\n{{- toYaml .Values.resources | nindent 2 }}",
            "a:\n  limits:\n    cpu: 500m\n    memory: 1Gi"),
        new Case(
            "{{ toYaml (dict \"s\" \"a: b\" \"t\" \"line1\\nline2\" \"e\" \"\" \"n\" nil) }}",
            "e: \"\"\n\"n\": null\ns: 'a: b'\nt: |-\n  line1\n  line2"),
        new Case("{{ include \"lbl\" . }}", "app: api"),
        new Case("{{ tpl \"{{ .Values.name }}-{{ .Release.Name }}\" . }}", "orchestrate-api"),
        new Case("{{ (fromYaml \"a: 1\\nb: [x]\").a }} {{ (fromYaml \"a: 1\").b }}", "1 "),
        new Case(
            "{{ toJson .Values.resources }} {{ toJson \"<&>\" }}",
            "{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"}} \"\\u003c\\u0026\\u003e\""),
        new Case(
            "{{ .Values.name | upper | quote }} {{ default \"d\" .Values.empty }}",
            "\"ORCHESTRATE\" d"),
        new Case(
            "{{ add 1 2 | typeOf }} {{ typeOf .Values.replicas }} {{ kindOf .Values.args }}",
            "int64 float64 slice"),
        new Case(
            "{{ .Template.Name }} {{ .Template.BasePath }}",
            "case/templates/t.yaml case/templates"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsHelm(Case c) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "case/templates/_helpers.tpl", "{{ define \"lbl\" }}app: {{ .Release.Name }}{{ end }}");
    files.put("case/templates/t.yaml", c.template());
    Map<String, String> out = engine.render(files, data());
    assertThat(out).containsOnlyKeys("case/templates/t.yaml");
    assertThat(out.get("case/templates/t.yaml")).isEqualTo(c.expected());
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            "{{ required \"image.tag is required\" .Values.image }}",
            "execution error at (case/templates/t.yaml:1:3): image.tag is required"),
        new Case(
            "{{ fail \"stop here\" }}",
            "execution error at (case/templates/t.yaml:1:3): stop here"),
        new Case("{{ .Values.x", "parse error at (case/templates/t.yaml:1): unclosed action"),
        new Case(
            "{{ nope }}",
            "parse error at (case/templates/t.yaml:1): function \"nope\" not defined"),
        new Case(
            "{{ .Values.missing.deeper }}",
            "template: case/templates/t.yaml:1:10: executing \"case/templates/t.yaml\" at "
                + "<.Values.missing.deeper>: nil pointer evaluating interface {}.deeper"),
        new Case(
            "{{ indent .Values.replicas \"x\" }}",
            "template: case/templates/t.yaml:1:17: executing \"case/templates/t.yaml\" at "
                + "<.Values.replicas>: wrong type for value; expected int; got float64"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void failsAsHelm(Case c) {
    assertThatThrownBy(() -> engine.render(Map.of("case/templates/t.yaml", c.template()), data()))
        .isInstanceOf(TemplateException.class)
        .hasMessage(c.expected());
  }

  @org.junit.jupiter.api.Test
  void parentChartDefinitionsWinOverSubcharts() {
    Map<String, String> files =
        Map.of(
            "app/templates/t.yaml", "{{ include \"name\" . }}",
            "app/templates/_h.tpl", "{{ define \"name\" }}parent{{ end }}",
            "app/charts/sub/templates/_h.tpl", "{{ define \"name\" }}sub{{ end }}");
    assertThat(engine.render(files, data())).containsEntry("app/templates/t.yaml", "parent");
  }
}
