package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the default-namespace rule: a release's own {@code namespace:}, else the agent's ({@code
 * -n}/{@code HELMSYNC_NAMESPACE}, {@link StateOptions#namespace()}). The loaded release, its {@code
 * .Release.Namespace} and the plan must all agree.
 */
class ReleaseNamespacesTest {
  private static final String AGENT = "agent-ns";

  @TempDir Path root;

  /**
   * @param state keys of the top-level state before {@code releases:}
   * @param namespace the release's {@code namespace:} line, or null for none
   * @param declared what the loaded release holds (empty: none named)
   * @param effective where it is templated, planned and checked for duplicates
   */
  record Case(String name, String state, String namespace, String declared, String effective) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no namespace: the agent's", "", null, "", AGENT),
        new Case("its own namespace wins", "", "team", "team", "team"),
        new Case("an empty namespace is none", "", "\"\"", "", AGENT),
        new Case(
            "templated from the agent's",
            "",
            "'{{ .Namespace }}-jobs'",
            AGENT + "-jobs",
            AGENT + "-jobs"),
        new Case(
            "from state values",
            "values: [{ns: from-values}]\n---\n",
            "'{{ .Values.ns }}'",
            "from-values",
            "from-values"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theReleaseNamespaceIsItsOwnElseTheAgents(Case c) {
    String release =
        "- name: api\n  chart: ./api\n  values: [seen.gotmpl]\n"
            + (c.namespace() == null ? "" : "  namespace: " + c.namespace() + "\n");
    HelmfileState state =
        load(
            Map.of(
                "helmfile.yaml",
                c.state() + "releases:\n" + release,
                "seen.gotmpl",
                "release: {{ .Release.Namespace }}\nstate: {{ .Namespace }}\n"));

    Release loaded = state.releases().get(0);
    assertThat(loaded.namespace()).isEqualTo(c.declared());
    assertThat(loaded.values()).isEqualTo(Map.of("release", c.effective(), "state", AGENT));
    assertThat(new ReleasePlanner(AGENT).plan(state).releases())
        .extracting(PlannedRelease::namespace)
        .containsExactly(c.effective());
  }

  /**
   * helmfile's state-level {@code namespace:} ({@code OverrideNamespace}, applied to every release
   * of the file by {@code HelmState.ApplyOverrides} in {@code pkg/state/state.go}, over the
   * release's own) is not applied yet, so it is refused rather than deploying elsewhere.
   */
  @Test
  void aStateLevelNamespaceIsRefused() {
    Map<String, String> files =
        Map.of(
            "helmfile.yaml",
            "namespace: state-ns\nreleases:\n"
                + "- name: api\n  chart: ./api\n  namespace: team\n");

    assertThatThrownBy(() -> load(files))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith(
            "helmfile.yaml: key 'namespace' sets the namespace of every " + "release of this file")
        .hasMessageEndingWith(
            ": put namespace: on each release, or in a template the releases " + "inherit");
  }

  @Test
  void aNestedHelmfileReleaseWithoutNamespaceGetsTheAgents() {
    HelmfileState state =
        load(
            Map.of(
                "helmfile.yaml", "helmfiles: [sub/helmfile.yaml]\n",
                "sub/helmfile.yaml", "releases:\n- name: api\n  chart: ./api\n"));

    assertThat(new ReleasePlanner(AGENT).plan(state).releases())
        .extracting(PlannedRelease::namespace)
        .containsExactly(AGENT);
  }

  @Test
  void noNamespaceAndTheAgentsNamedAreTheSameRelease() {
    Map<String, String> files =
        Map.of(
            "helmfile.yaml",
            "releases:\n- name: api\n  chart: ./a\n"
                + "- name: api\n  namespace: "
                + AGENT
                + "\n  chart: ./b\n");

    assertThatThrownBy(() -> load(files))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            "helmfile.yaml releases[1] (api): duplicate release "
                + AGENT
                + "/api, also "
                + "declared at helmfile.yaml releases[0] (api); release names must be unique in a "
                + "namespace");
  }

  private HelmfileState load(Map<String, String> files) {
    RepoFiles.write(root, files);
    return new HelmfileLoader(StateOptions.of("helmfile.yaml", AGENT, Map.of()))
        .load(RepoFiles.snapshot(root, "r1"), "default");
  }
}
