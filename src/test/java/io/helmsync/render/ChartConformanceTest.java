package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
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
 * must give the same objects in the same order: every release of config-repo-example's {@code
 * orchestrate-demo} environment with the values helmsync's helmfile loader gives it, and one case
 * per {@code chart/fixtures} chart. helm-java's template leaves hooks and {@code crds/} out of its
 * output, so those, which helmsync returns apart, are checked by name (and weight).
 */
@Tag("conformance")
class ChartConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("config-repo-example").toAbsolutePath();
  private static final Path FIXTURES =
      Path.of("src/test/resources/chart/fixtures").toAbsolutePath();
  private static final Path RENDER_FIXTURES =
      Path.of("src/test/resources/render/fixtures").toAbsolutePath();
  private static final ChartContext CONTEXT = ChartContext.offline();

  @TempDir Path work;

  /**
   * A release to render both ways, the hooks helmsync must keep aside (as name:weight) and the CRDs
   * it must find in {@code crds/}.
   */
  record Case(PlannedRelease release, Path root, List<String> hooks, List<String> crds) {
    Case withCrds(String... names) {
      return new Case(release, root, hooks, List.of(names));
    }

    @Override
    public String toString() {
      return release.source();
    }
  }

  static Stream<Case> cases() {
    return Stream.concat(exampleReleases(), fixtures());
  }

  private static Stream<Case> exampleReleases() {
    StateOptions options =
        StateOptions.of("helmfile.yaml", "orchestrate-demo", Map.of())
            .withSecrets(SecretResolver.placeholders());
    var snapshot =
        new SourceSnapshot("file://example", "main", "example", EXAMPLE, false, Optional.empty());
    var state = new HelmfileLoader(options).load(snapshot, "orchestrate-demo");
    return new ReleasePlanner("orchestrate-demo")
        .plan(state).releases().stream()
            .map(release -> new Case(release, EXAMPLE, List.of(), List.of()));
  }

  private static Stream<Case> fixtures() {
    return Stream.of(
        fixture("umbrella", "plain", Map.of(), "plain-migrate:0"),
        fixture(
            "umbrella",
            "tuned",
            Map.of(
                "replicas",
                5L,
                "labels",
                Collections.singletonMap("removeMe", null),
                "cache",
                Map.of("size", 9L),
                "monitoring",
                Map.of("enabled", true),
                "global",
                Map.of("tier", "gold")),
            "tuned-migrate:0"),
        fixture(
            "umbrella",
            "no-cache",
            Map.of("cache", Map.of("enabled", false)),
            "no-cache-migrate:0"),
        fixture("aliases", "aliases", Map.of()),
        fixture(
            "aliases",
            "untagged",
            Map.of(
                "tags",
                Map.of("backend", false),
                "adminFallback",
                Map.of("enabled", true),
                "frontend",
                Map.of("replicas", 4L))),
        fixture("nulls", "defaults", Map.of()),
        fixture("nulls", "deleted", nullsDeleted()),
        fixture("helpers", "helpers", Map.of()),
        fixture(
            "helpers",
            "named",
            Map.of(
                "nameOverride",
                "web",
                "image",
                Map.of("tag", "1.25"),
                "common",
                Map.of("team", "payments"))),
        fixture("files", "files", Map.of()),
        // Helm sorts hooks by kind, like objects; the weight orders them only when they run.
        fixture(
            "hooks", "hooks", Map.of(), "hooks-hook-config:10", "hooks-test:0", "hooks-migrate:-5"),
        fixture("crds", "crds", Map.of()).withCrds("widgets.example.com", "gadgets.example.com"),
        fixture("library", "library", Map.of()),
        fixture("helmignore", "ignored", Map.of()),
        fixture("packaged", "packaged", Map.of()),
        fixture("packaged", "packaged-off", Map.of("redis", Map.of("enabled", false))),
        renderFixture("imports", "imports", Map.of()),
        // Imports read the subchart's defaults: the release's values for db change only db.
        renderFixture(
            "imports",
            "imports-overridden",
            Map.of(
                "dbSettings",
                Map.of("pool", 9L),
                "db",
                Map.of(
                    "settings",
                    Map.of("pool", 7L),
                    "exports",
                    Map.of("connection", Map.of("host", "other"))))),
        renderFixture("kube-version", "supported-kube", Map.of()),
        renderFixture("schema", "schema-met", Map.of("replicas", 3L)),
        renderFixture("subcharts", "subcharts", Map.of()),
        renderFixture("subcharts", "subcharts-set", Map.of("sub", Map.of("only", "from-release"))));
  }

  /** A release Helm refuses, the kube version it renders for, and the words both errors hold. */
  record Refusal(PlannedRelease release, String kubeVersion, List<String> words) {
    @Override
    public String toString() {
      return release.source();
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        new Refusal(
            renderFixture("kube-version", "old-kube", Map.of()).release(),
            "v1.29.0",
            List.of(
                "chart requires kubeVersion: >=1.30.0-0 which is incompatible with "
                    + "Kubernetes v1.29.0")),
        new Refusal(
            renderFixture(
                    "schema",
                    "schema-broken",
                    Map.of(
                        "replicas",
                        "two",
                        "image",
                        Map.of("tag", 1L),
                        "worker",
                        Map.of("queue", "Jobs-1")))
                .release(),
            CONTEXT.kubeVersion(),
            List.of(
                "values don't meet the specifications of the schema(s) "
                    + "in the following chart(s):\nschema:\n- ",
                "replicas",
                "image",
                "tag",
                "\nworker:\n- ",
                "queue")));
  }

  private static Case renderFixture(String chart, String name, Map<String, Object> values) {
    PlannedRelease release =
        new PlannedRelease(
            name, "demo", "./" + chart, RENDER_FIXTURES, values, List.of(), chart + " " + name);
    return new Case(release, RENDER_FIXTURES, List.of(), List.of());
  }

  private static Map<String, Object> nullsDeleted() {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("resources", Collections.singletonMap("limits", null));
    values.put("nodeSelector", null);
    values.put("unknown", null);
    values.put("count", 7L);
    values.put("db", Collections.singletonMap("password", null));
    return values;
  }

  private static Case fixture(
      String chart, String name, Map<String, Object> values, String... hooks) {
    PlannedRelease release =
        new PlannedRelease(
            name, "demo", "./" + chart, FIXTURES, values, List.of(), chart + " " + name);
    return new Case(release, FIXTURES, List.of(hooks), List.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void helmsyncRendersTheChartLikeHelm(Case c) throws IOException {
    RenderedRelease ours = new HelmChartRenderer(CONTEXT).render(c.release(), c.root());
    List<Map<String, Object>> helm = helmTemplate(c.release(), CONTEXT.kubeVersion());

    assertThat(bodies(ours.manifests())).isEqualTo(helm);
    assertThat(ours.hooks())
        .extracting(hook -> hook.manifest().ref().name() + ":" + hook.weight())
        .containsExactlyElementsOf(c.hooks());
    assertThat(ours.crds()).extracting(crd -> crd.ref().name()).containsExactlyElementsOf(c.crds());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void helmsyncRefusesWhatHelmRefuses(Refusal r) {
    var renderer = new HelmChartRenderer(CONTEXT.withKubeVersion(r.kubeVersion()));

    assertThatThrownBy(() -> renderer.render(r.release(), r.release().baseDir()))
        .isInstanceOf(ReconcileException.class)
        .message()
        .contains(r.words())
        .contains(r.release().source());
    assertThatThrownBy(() -> helmTemplate(r.release(), r.kubeVersion()))
        .message()
        .contains(r.words());
  }

  private List<Map<String, Object>> helmTemplate(PlannedRelease release, String kubeVersion)
      throws IOException {
    Path values = work.resolve("values.json");
    Files.writeString(values, JSON.writeValueAsString(release.values()));
    Path chart = release.baseDir().resolve(release.chart()).normalize();
    return HelmOracle.template(chart, release.name(), release.namespace(), values, kubeVersion);
  }

  private static List<Map<String, Object>> bodies(List<Manifest> manifests) {
    return manifests.stream().map(Manifest::body).toList();
  }
}
