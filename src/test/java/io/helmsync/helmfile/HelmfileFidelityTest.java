package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import io.helmsync.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases written from helmfile's source where helmsync used to differ; each names the file of {@code
 * helmfile/helmfile} it follows.
 */
class HelmfileFidelityTest {
  @TempDir Path root;

  private HelmfileState load(String environment, Map<String, String> files) {
    RepoFiles.write(root, files);
    return new HelmfileLoader(StateOptions.of("helmfile.yaml", "ns", Map.of()))
        .load(RepoFiles.snapshot(root, "r1"), environment);
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** mergo with WithOverride, WithOverwriteWithEmptyValue: pkg/state/envvals_loader.go. */
  @Test
  void aNullInEnvironmentValuesStaysAKeyAndOverridesWhatCameBefore() {
    HelmfileState state =
        load(
            "demo",
            Map.of(
                "helmfile.yaml",
                "environments:\n  demo:\n    values:\n    - {a: 1, b: {c: 2, d: 3}, e: 4}\n"
                    + "    - {a: null, b: {c: null}}\n    - env.yaml.gotmpl\n",
                "env.yaml.gotmpl",
                "domainName: {{ env \"DOMAIN_NAME\" }}\n" + "seen: {{ hasKey .Values \"a\" }}\n"));

    assertThat(state.environmentValues())
        .isEqualTo(
            map(
                "a",
                null,
                "b",
                map("c", null, "d", 3L),
                "e",
                4L,
                "domainName",
                null,
                "seen",
                true));
  }

  /**
   * helmfile passes each values file to Helm ({@code --values}), which merges them keeping nulls
   * ({@code mergeMaps} in helm's pkg/cli/values/options.go); the chart's coalescing then deletes
   * the default under a null.
   */
  @Test
  void aNullInALaterReleaseValuesFileStaysForTheChartToDeleteItsDefault() {
    HelmfileState state =
        load(
            "default",
            Map.of(
                "helmfile.yaml",
                "releases:\n- name: api\n  chart: ./api\n  values:\n  - {a: 1, b: {c: 2}}\n"
                    + "  - {a: null, b: {c: null}}\n"));

    assertThat(state.releases().get(0).values()).isEqualTo(map("a", null, "b", map("c", null)));
  }

  /**
   * visitStates in pkg/app/app.go skips a state file whose load fails with UndefinedEnvError
   * (raised by load in pkg/app/desired_state_file_loader.go when the file declares environments but
   * not the selected one), with its own nested helmfiles.
   */
  @Test
  void aNestedHelmfileThatDeclaresOtherEnvironmentsIsSkipped() {
    HelmfileState state =
        load(
            "demo",
            Map.of(
                "helmfile.yaml",
                    "environments: {demo: {}}\n---\nhelmfiles: [a/helmfile.yaml, "
                        + "b/helmfile.yaml]\n",
                "a/helmfile.yaml",
                    "environments: {prod: {}}\n---\nhelmfiles: [missing.yaml]\n"
                        + "releases:\n- name: only-prod\n  chart: ./c\n",
                "b/helmfile.yaml",
                    "environments: {demo: {}}\n---\nreleases:\n- name: api\n" + "  chart: ./c\n"));

    assertThat(state.releases()).extracting(Release::name).containsExactly("api");
  }

  /** The same rule when the nested file declares no environment and its entry passes none. */
  @Test
  void aNestedHelmfileWithoutEnvironmentsIsSkippedUnlessItsEntryPassesValues() {
    HelmfileState state =
        load(
            "demo",
            Map.of(
                "helmfile.yaml",
                    "environments: {demo: {}}\n---\nhelmfiles:\n- a/helmfile.yaml\n"
                        + "- path: b/helmfile.yaml\n  values: [{tier: web}]\n",
                "a/helmfile.yaml", "releases:\n- name: skipped\n  chart: ./c\n",
                "b/helmfile.yaml", "releases:\n- name: '{{ .Values.tier }}'\n  chart: ./c\n"));

    assertThat(state.releases()).extracting(Release::name).containsExactly("web");
  }

  /** The top-level state still fails: helmfile ends with NoMatchingHelmfileError there. */
  @Test
  void theTopLevelStateMustDeclareTheEnvironment() {
    assertThatThrownBy(() -> load("demo", Map.of("helmfile.yaml", "environments: {prod: {}}\n")))
        .hasMessageStartingWith("helmfile.yaml: environment 'demo' is not defined");
  }

  /**
   * loadBases in pkg/state/create.go reads a base with the including file's baseDir
   * (loadFileWithOverrides in pkg/app/desired_state_file_loader.go), so the base's relative values,
   * chart and helmfiles paths resolve from the including file's folder.
   */
  @Test
  void relativePathsInABaseResolveFromTheIncludingFilesFolder() {
    Map<String, String> files = new HashMap<>();
    files.put("apps/helmfile.yaml", "bases: [../common/base.yaml]\n");
    files.put(
        "common/base.yaml",
        "environments:\n  demo:\n    values: [env/demo.yaml]\n"
            + "releases:\n- name: api\n  chart: ./api\n  values: [api.yaml]\n");
    files.put("apps/env/demo.yaml", "from: apps\n");
    files.put("common/env/demo.yaml", "from: common\n");
    files.put("apps/api.yaml", "port: 80\n");
    files.put("helmfile.yaml", "environments: {demo: {}}\n---\nhelmfiles: [apps/helmfile.yaml]\n");
    HelmfileState state = load("demo", files);

    Release api = state.releases().get(0);
    assertThat(api.values()).isEqualTo(map("port", 80L));
    assertThat(api.baseDir()).isEqualTo(root.resolve("apps"));
  }

  /**
   * Messages name files relative to the repository, also those outside it, and carry no absolute
   * path of the agent's machine, not even one a library put in its message.
   */
  @Test
  void errorsNameFilesRelativeToTheRepository() throws IOException {
    Files.createDirectories(root.resolve("adir"));
    for (Map<String, String> files :
        java.util.List.of(
            Map.of("helmfile.yaml", "environments:\n  default:\n    values: [../outside.yaml]\n"),
            Map.of("helmfile.yaml", "values: ['{{ readFile \"adir\" }}']\n"),
            Map.of("helmfile.yaml", "bases: [adir]\n"))) {
      assertThatThrownBy(() -> load("default", files))
          .isInstanceOf(ReconcileException.class)
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(root.toString())
                      .doesNotContain(root.toRealPath().toString())
                      .doesNotContainPattern("(^|[\\s'\"(=])/[A-Za-z]"));
    }
  }
}
