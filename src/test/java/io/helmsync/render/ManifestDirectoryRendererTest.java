package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Manifest;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestDirectoryRendererTest {
  @TempDir Path root;

  private RenderedRelease render(String chart, Map<String, String> files) {
    RepoFiles.write(root, files);
    PlannedRelease release =
        new PlannedRelease(
            "api", "demo", chart, root, Map.of(), List.of(), "helmfile.yaml releases[0] (api)");
    return new ManifestDirectoryRenderer().render(release, root);
  }

  @Test
  void readsManifestFilesInNameOrderWithEveryDocument() {
    RenderedRelease rendered =
        render(
            "./m",
            Map.of(
                "m/b-service.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: api}\n",
                "m/a-config.yml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: one}\n---\n"
                        + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: two, namespace: other}\n",
                "m/c.json",
                    "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"s\"}}",
                "m/README.md", "not a manifest",
                "m/nested/ignored.yaml",
                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nested}\n"));
    assertThat(rendered.manifests())
        .extracting(m -> m.ref().toString())
        .containsExactly("ConfigMap/one", "ConfigMap/other/two", "Service/api", "Secret/s");
    assertThat(rendered.manifests().get(1).source()).isEqualTo("m/a-config.yml:5");
  }

  @Test
  void listsExpandToTheirItems() {
    RenderedRelease rendered =
        render(
            "m",
            Map.of(
                "m/list.yaml",
                "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n"
                    + "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n"));
    assertThat(rendered.manifests())
        .extracting(Manifest::source)
        .containsExactly("m/list.yaml:1 items[0]", "m/list.yaml:1 items[1]");
  }

  @Test
  void anObjectWithoutANameNamesItsFileAndLine() {
    assertThatThrownBy(
            () ->
                render(
                    "m",
                    Map.of(
                        "m/x.yaml",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")))
        .hasMessage("m/x.yaml:5: object has no metadata.name");
  }

  @Test
  void helmChartsAreRefusedNotMisrendered() {
    assertThatThrownBy(
            () ->
                render(
                    "./chart",
                    Map.of("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n")))
        .hasMessageContaining("chart './chart' is a Helm chart (LOCAL_CHART)");
    assertThatThrownBy(() -> render("stable/redis", Map.of()))
        .hasMessageContaining("chart 'stable/redis' is a Helm chart (REPOSITORY)");
  }

  @Test
  void aMissingLocalChartIsNamed() {
    assertThatThrownBy(() -> render("./nope", Map.of()))
        .hasMessage("helmfile.yaml releases[0] (api): chart './nope' does not exist");
  }

  @Test
  void anchorsExpandAsKubectlExpandsThem() {
    RenderedRelease rendered =
        render(
            "m",
            Map.of(
                "m/cm.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                    + "data:\n  first: &shared x\n  second: *shared\n"));
    assertThat(rendered.manifests().get(0).body().get("data"))
        .isEqualTo(Map.of("first", "x", "second", "x"));
  }

  @Test
  void aDuplicateKeyInAManifestIsRefusedWithFileAndLine() {
    Map<String, String> files =
        Map.of("m/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    assertThatThrownBy(() -> render("m", files))
        .hasMessageStartingWith("m/cm.yaml:5: invalid YAML:")
        .hasMessageContaining("found duplicate key name");
  }
}
