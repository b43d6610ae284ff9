package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Manifest;
import io.helmsync.model.YamlDocuments;
import io.helmsync.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local charts rendered by helmsync and by Helm itself ({@code helm template} through helm-java)
 * must give the same objects in the same order: every release of config-repo-example's
 * {@code orchestrate-demo} environment with the values helmsync's helmfile loader gives it, and
 * the {@code chart/fixtures} charts (subcharts, aliases, conditions, globals, a hook, NOTES.txt,
 * {@code .Files}). Hooks, which helmsync keeps aside, are checked by name.
 */
@Tag("conformance")
class ChartConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("config-repo-example").toAbsolutePath();

  @TempDir Path work;

  static Stream<PlannedRelease> releases() {
    StateOptions options = StateOptions.of("helmfile.yaml", "orchestrate-demo",
        Map.of("AUTH_API_KEY", "an-api-key"));
    var snapshot = new SourceSnapshot("file://example", "main", "example", EXAMPLE, false,
        Optional.empty());
    var state = new HelmfileLoader(options).load(snapshot, "orchestrate-demo");
    Stream<PlannedRelease> example = new ReleasePlanner("orchestrate-demo").plan(state).releases().stream();
    Path fixtures = Path.of("src/test/resources/chart/fixtures").toAbsolutePath();
    Stream<PlannedRelease> umbrella = Stream.of(
        new PlannedRelease("plain", "demo", "./umbrella", fixtures, Map.of(), List.of(), "umbrella"),
        new PlannedRelease("tuned", "demo", "./umbrella", fixtures,
            Map.of("replicas", 5L, "labels", java.util.Collections.singletonMap("removeMe", null),
                "cache", Map.of("size", 9L), "monitoring", Map.of("enabled", true),
                "global", Map.of("tier", "gold")),
            List.of(), "umbrella tuned"));
    return Stream.concat(example, umbrella);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void helmsyncRendersTheChartLikeHelm(PlannedRelease release) throws IOException {
    Path root = release.source().startsWith("umbrella") ? release.baseDir() : EXAMPLE;
    RenderedRelease ours = new HelmChartRenderer(ChartContext.offline()).render(release, root);
    List<Map<String, Object>> helm = helmTemplate(release);

    assertThat(bodies(ours.manifests())).isEqualTo(helm.stream().filter(o -> !isHook(o)).toList());
    // helm-java's template leaves hooks out of its output, so they are checked by name here.
    assertThat(ours.hooks()).extracting(hook -> hook.ref().name())
        .containsExactlyElementsOf(release.source().startsWith("umbrella")
            ? List.of(release.name() + "-migrate") : List.of());
  }

  private List<Map<String, Object>> helmTemplate(PlannedRelease release) throws IOException {
    Path values = work.resolve("values.json");
    Files.writeString(values, JSON.writeValueAsString(release.values()));
    Path chart = release.baseDir().resolve(release.chart()).normalize();
    String output = new Helm(chart).template().withName(release.name())
        .withNamespace(release.namespace()).withValuesFile(values).call();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (String document : output.split("(?m)^---\\s*$")) {
      YamlDocuments.parse(document, "helm output").forEach(d -> objects.add(d.content()));
    }
    return objects;
  }

  private static List<Map<String, Object>> bodies(List<Manifest> manifests) {
    return manifests.stream().map(Manifest::body).toList();
  }

  private static boolean isHook(Map<String, Object> object) {
    return object.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations
        && annotations.containsKey("helm.sh/hook");
  }
}
