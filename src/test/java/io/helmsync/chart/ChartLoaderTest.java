package io.helmsync.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartLoaderTest {
  private static final String CHART_YAML = "apiVersion: v2\nname: app\nversion: 1.0.0\n";

  @TempDir Path dir;

  /** A chart's files and the words its error must contain. */
  record Case(String name, Map<String, String> files, String... message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> brokenCharts() {
    return Stream.of(
        new Case(
            "no Chart.yaml",
            Map.of("values.yaml", "a: 1\n"),
            "release api: chart app: has no Chart.yaml"),
        new Case(
            "no version",
            Map.of("Chart.yaml", "apiVersion: v2\nname: app\n"),
            "chart app: Chart.yaml: version is required"),
        new Case(
            "no name",
            Map.of("Chart.yaml", "apiVersion: v2\nversion: 1.0.0\n"),
            "Chart.yaml: name is required"),
        new Case(
            "unknown apiVersion",
            Map.of("Chart.yaml", "apiVersion: v3\nname: app\nversion: 1\n"),
            "apiVersion 'v3' is not valid"),
        new Case(
            "unknown type",
            Map.of("Chart.yaml", CHART_YAML + "type: plugin\n"),
            "type must be application or library, not 'plugin'"),
        new Case(
            "bad Chart.yaml",
            Map.of("Chart.yaml", "name: [app\n"),
            "chart app/Chart.yaml:1:",
            "invalid YAML"),
        new Case(
            "bad values.yaml",
            Map.of("Chart.yaml", CHART_YAML, "values.yaml", "image:\n  tag: [1.0\nreplicas: 2\n"),
            "chart app/values.yaml:",
            "line 3",
            "fix the chart's default values"),
        new Case(
            "bad alias",
            Map.of("Chart.yaml", CHART_YAML + "dependencies:\n  - name: db\n    alias: my.db\n"),
            "alias 'my.db'"),
        new Case(
            "double star in .helmignore",
            Map.of("Chart.yaml", CHART_YAML, ".helmignore", "# comment\nsrc/**/*.go\n"),
            "app/.helmignore: line 2: double-star"),
        new Case(
            "stray file in charts/",
            Map.of("Chart.yaml", CHART_YAML, "charts/README.md", "hello\n"),
            "app/charts/README.md is neither a chart directory nor a .tgz chart archive"),
        new Case(
            "broken subchart",
            Map.of("Chart.yaml", CHART_YAML, "charts/db/Chart.yaml", "apiVersion: v2\nname: db\n"),
            "chart app/charts/db: Chart.yaml: version is required"),
        new Case(
            "not an archive",
            Map.of("Chart.yaml", CHART_YAML, "charts/db-1.0.0.tgz", "plain text"),
            "cannot read chart archive app/charts/db-1.0.0.tgz"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCharts")
  void namesTheChartFileThatIsWrong(Case c) throws IOException {
    Path chart = write(c.files());

    assertThatThrownBy(() -> ChartLoader.load(chart, "release api"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .message()
        .contains(c.message());
  }

  @Test
  void readsValuesAsHelmDoesAndKeepsChartFilesOutOfFiles() throws IOException {
    Path chart =
        write(
            Map.of(
                "Chart.yaml",
                CHART_YAML,
                "values.yaml",
                "replicas: 2\nratio: 0.5\n",
                "templates/cm.yaml",
                "kind: ConfigMap\n",
                "files/a.txt",
                "\uFEFFa\n",
                ".helmignore",
                "*.bak\n",
                "files/old.bak",
                "old\n"));

    Chart loaded = ChartLoader.load(chart, "release api");

    assertThat(loaded.defaults()).containsEntry("replicas", 2.0).containsEntry("ratio", 0.5);
    assertThat(loaded.templates()).containsOnlyKeys("templates/cm.yaml");
    assertThat(loaded.files()).containsOnlyKeys(".helmignore", "files/a.txt");
    assertThat(new String(loaded.files().get("files/a.txt"))).isEqualTo("a\n");
    assertThat(loaded.metadata()).containsEntry("apiVersion", "v2");
  }

  private Path write(Map<String, String> files) throws IOException {
    Path chart = dir.resolve("app");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = chart.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    Files.createDirectories(chart);
    return chart;
  }
}
