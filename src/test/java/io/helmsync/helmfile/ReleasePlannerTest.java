package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReleasePlannerTest {
  private static final Path ROOT = Path.of("/repo");

  /** A release written as {@code name[@namespace][>need,need][!]} ({@code !}: not installed). */
  private static Release release(String spec) {
    boolean installed = !spec.endsWith("!");
    String rest = installed ? spec : spec.substring(0, spec.length() - 1);
    String[] needSplit = rest.split(">", 2);
    List<String> needs = needSplit.length == 2 ? Arrays.asList(needSplit[1].split(",")) : List.of();
    String[] nameSplit = needSplit[0].split("@", 2);
    String namespace = nameSplit.length == 2 ? nameSplit[1] : "";
    return new Release(
        nameSplit[0],
        namespace,
        "./m",
        "",
        Map.of(),
        installed,
        needs,
        Map.of(),
        null,
        ROOT,
        nameSplit[0]);
  }

  private static Plan plan(String... specs) {
    List<Release> releases = Stream.of(specs).map(ReleasePlannerTest::release).toList();
    return new ReleasePlanner("demo").plan(new HelmfileState("demo", Map.of(), releases, ROOT));
  }

  @Test
  void everyReleaseCarriesTheStatesRepositoriesForItsChartSource() {
    Repository acme =
        new Repository(
            "acme", "https://charts.acme.example", "u", "p", false, null, null, null, false, false);
    HelmfileState state =
        new HelmfileState(
            "demo",
            Map.of(),
            List.of(release("a"), release("b")),
            List.of(acme),
            ROOT,
            java.util.Set.of());

    assertThat(new ReleasePlanner("demo").plan(state).releases())
        .allSatisfy(planned -> assertThat(planned.repositories()).containsExactly(acme));
  }

  record Case(String name, List<String> releases, List<String> order) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> orders() {
    return Stream.of(
        new Case("declaration order without needs", List.of("a", "b", "c"), List.of("a", "b", "c")),
        new Case("needs come first", List.of("api>db", "db"), List.of("db", "api")),
        new Case("chains", List.of("c>b", "b>a", "a"), List.of("a", "b", "c")),
        new Case(
            "diamond",
            List.of("top>l,r", "l>base", "r>base", "base"),
            List.of("base", "l", "r", "top")),
        new Case("namespaced need", List.of("api>data/db", "db@data"), List.of("db", "api")),
        new Case(
            "kubecontext/ns/name need", List.of("api>ctx/demo/db", "db"), List.of("db", "api")),
        new Case(
            "uninstalled releases are left out", List.of("a", "old!", "b"), List.of("a", "b")));
  }

  @ParameterizedTest
  @MethodSource("orders")
  void ordersReleasesByNeeds(Case c) {
    assertThat(plan(c.releases().toArray(String[]::new)).releases())
        .extracting(PlannedRelease::name)
        .containsExactlyElementsOf(c.order());
  }

  @Test
  void aCycleIsNamed() {
    assertThatThrownBy(() -> plan("a>b", "b>c", "c>a", "d"))
        .isInstanceOf(ReconcileException.class)
        .hasMessage("releases need each other in a cycle: a -> b -> c -> a");
  }

  @Test
  void aNeedOnAnUndeclaredReleaseIsNamed() {
    assertThatThrownBy(() -> plan("api>db"))
        .hasMessage("api: needs 'db', but no release demo/db is declared");
  }

  @Test
  void aNeedOnAnUninstalledReleaseIsRefused() {
    assertThatThrownBy(() -> plan("api>db", "db!"))
        .hasMessage("api: needs 'db', but that release has installed: false");
  }

  @Test
  void releasesWithoutNamespaceGetTheAgentNamespace() {
    assertThat(plan("a", "b@other").releases())
        .extracting(PlannedRelease::namespace)
        .containsExactly("demo", "other");
  }

  @Test
  void aPlannedReleaseKeepsValuesVersionLabelsAndSettings() {
    ReleaseSettings settings =
        new ReleaseSettings(
            true, false, java.time.Duration.ofSeconds(60), true, false, false, false);
    Release release =
        new Release(
            "a",
            "",
            "./m",
            "1.2.x",
            Map.of("x", 1),
            true,
            List.of(),
            Map.of("tier", "api"),
            settings,
            ROOT,
            "a");
    PlannedRelease planned =
        new ReleasePlanner("demo")
            .plan(new HelmfileState("demo", Map.of(), List.of(release), ROOT))
            .releases()
            .get(0);
    assertThat(planned.values()).isEqualTo(Map.of("x", 1));
    assertThat(planned.version()).isEqualTo("1.2.x");
    assertThat(planned.labels()).isEqualTo(Map.of("tier", "api"));
    assertThat(planned.settings()).isEqualTo(settings);
  }
}
