package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelmChartRendererTest {
  private static final String CHART_YAML = "apiVersion: v2\nname: app\nversion: 1.0.0\n";
  private final HelmChartRenderer renderer = new HelmChartRenderer(ChartContext.offline());

  @TempDir Path root;

  /** A release's chart, the files of {@code app/}, and the words its error must contain. */
  record Case(String name, String chart, Map<String, String> files, String... message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> failures() {
    return Stream.of(
        new Case(
            "template error",
            "./app",
            Map.of(
                "Chart.yaml",
                CHART_YAML,
                "templates/cm.yaml",
                "kind: ConfigMap\nmetadata:\n  name: {{ .Values.name.first }}\n"),
            "release api: chart app: template: app/templates/cm.yaml:3:",
            "nil pointer",
            "fix the template or the values it reads"),
        new Case(
            "parse error",
            "./app",
            Map.of("Chart.yaml", CHART_YAML, "templates/cm.yaml", "kind: {{ if }}\n"),
            "parse error at (app/templates/cm.yaml:1)"),
        new Case(
            "required value",
            "./app",
            Map.of(
                "Chart.yaml",
                CHART_YAML,
                "templates/cm.yaml",
                "name: {{ required \"name is required\" .Values.name }}\n"),
            "execution error at (app/templates/cm.yaml:1:9): name is required"),
        new Case(
            "output that is not YAML",
            "./app",
            Map.of("Chart.yaml", CHART_YAML, "templates/cm.yaml", "kind: [ConfigMap\n"),
            "release api app/templates/cm.yaml"),
        new Case(
            "missing dependency",
            "./app",
            Map.of("Chart.yaml", CHART_YAML + "dependencies:\n  - name: db\n    version: 1.0.0\n"),
            "chart app depends on db, which is not in app/charts; run helm dependency update"),
        new Case(
            "library chart",
            "./app",
            Map.of("Chart.yaml", CHART_YAML + "type: library\n"),
            "chart app is a library chart"),
        new Case(
            "subchart section not a map",
            "./app",
            Map.of(
                "Chart.yaml",
                CHART_YAML,
                "values.yaml",
                "db: off\n",
                "charts/db/Chart.yaml",
                "apiVersion: v2\nname: db\nversion: 1.0.0\n"),
            "values of chart app: db must be a map of the subchart's values, not false"),
        new Case(
            "undeclared repository",
            "bitnami/redis",
            Map.of(),
            "chart 'bitnami/redis' names repository 'bitnami', which repositories: does not "
                + "declare"),
        new Case(
            "OCI reference without a path",
            "oci://registry.example.com",
            Map.of(),
            "names no repository in the registry; write oci://host/path/chart"),
        new Case(
            "import-values entry of the wrong shape",
            "./app",
            Map.of(
                "Chart.yaml",
                CHART_YAML + "dependencies:\n  - name: db\n    import-values:\n      - child: x\n",
                "charts/db/Chart.yaml",
                "apiVersion: v2\nname: db\nversion: 1.0.0\n"),
            "chart app: Chart.yaml: dependency db has import-values entry '{child=x}'",
            "write an exported name or a map with child: and parent:"),
        new Case(
            "schema that is not JSON",
            "./app",
            Map.of("Chart.yaml", CHART_YAML, "values.schema.json", "{\"type\": "),
            "chart app/values.schema.json is not valid JSON"),
        new Case(
            "kube version constraint that does not parse",
            "./app",
            Map.of("Chart.yaml", CHART_YAML + "kubeVersion: \">= one\"\n"),
            "chart app: chart requires kubeVersion: >= one which is incompatible with Kubernetes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void stallsNamingTheReleaseAndFile(Case c) {
    c.files().forEach((name, text) -> write("app/" + name, text));

    assertThatThrownBy(() -> renderer.render(release(c.chart(), Map.of()), root))
        .isInstanceOf(ReconcileException.class)
        .message()
        .contains(c.message());
  }

  @Test
  void schemaKeywordsUnknownToTheValidatorAreIgnoredQuietlyAndViolationsStillStall() {
    write("app/Chart.yaml", CHART_YAML);
    write(
        "app/values.schema.json",
        "{\"type\": \"object\", \"properties\": {\"timeout\": "
            + "{\"type\": \"string\", \"duration\": true, \"x-kubernetes-int\": 1}}}");
    write(
        "app/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.timeout }}\n");
    List<LogRecord> logs = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logs.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger jul = Logger.getLogger("");
    Level level = jul.getLevel();
    jul.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    jul.addHandler(capture);
    try {
      assertThat(renderer.render(release("./app", Map.of("timeout", "5s")), root).manifests())
          .hasSize(1);
      assertThatThrownBy(() -> renderer.render(release("./app", Map.of("timeout", 5L)), root))
          .isInstanceOf(ReconcileException.class)
          .hasMessageContaining("timeout");
    } finally {
      jul.removeHandler(capture);
      jul.setLevel(level);
    }
    assertThat(logs).extracting(LogRecord::getMessage).noneMatch(m -> m.contains("keyword"));
  }

  @Test
  void mappingKeysThatAreNotStringsBecomeStrings() {
    write("app/Chart.yaml", CHART_YAML);
    write("app/values.yaml", "tcp:\n  2222: ns/svc:ssh\n  true: ns/svc:http\n");
    write(
        "app/templates/cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tcp\ndata:\n"
            + "  {{- toYaml .Values.tcp | nindent 2 }}\n  3333: literal\n"
            + "udp: {53: ns/dns:53, 1.5: half}\n");

    var manifest = renderer.render(release("./app", Map.of()), root).manifests().get(0);

    assertThat(manifest.body().get("data"))
        .isEqualTo(Map.of("2222", "ns/svc:ssh", "true", "ns/svc:http", "3333", "literal"));
    assertThat(manifest.body().get("udp")).isEqualTo(Map.of("53", "ns/dns:53", "1.5", "half"));
  }

  @Test
  void keepsHooksAndCrdsApartAndPlainDirectoriesStillRender() {
    Map.of(
            "app/Chart.yaml",
            CHART_YAML,
            "app/crds/crd.yaml",
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                + "metadata:\n  name: widgets.example.com\n",
            "app/templates/job.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n"
                + "  annotations:\n    helm.sh/hook: Pre-Install, post-upgrade\n"
                + "    helm.sh/hook-weight: \"3\"\n",
            "plain/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n")
        .forEach(this::write);

    RenderedRelease chart = renderer.render(release("./app", Map.of()), root);
    RenderedRelease plain = renderer.render(release("./plain", Map.of()), root);

    assertThat(chart.manifests()).isEmpty();
    assertThat(chart.hooks())
        .singleElement()
        .satisfies(
            hook -> {
              assertThat(hook.events()).containsExactly("pre-install", "post-upgrade");
              assertThat(hook.weight()).isEqualTo(3);
              assertThat(hook.deletePolicies()).containsExactly("before-hook-creation");
            });
    assertThat(chart.crds())
        .extracting(crd -> crd.ref().name())
        .containsExactly("widgets.example.com");
    assertThat(plain.manifests()).extracting(m -> m.ref().name()).containsExactly("plain");
  }

  private PlannedRelease release(String chart, Map<String, Object> values) {
    return new PlannedRelease("api", "demo", chart, root, values, List.of(), "release api");
  }

  private void write(String name, String text) {
    try {
      Path path = root.resolve(name);
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
