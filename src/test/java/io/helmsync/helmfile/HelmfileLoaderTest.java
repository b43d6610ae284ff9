package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmfileLoaderTest {
  @TempDir Path root;

  private HelmfileState load(String environment, Map<String, String> files) {
    RepoFiles.write(root, files);
    return new HelmfileLoader(StateOptions.of("helmfile.yaml", "demo-ns", Map.of()))
        .load(RepoFiles.snapshot(root, "r1"), environment);
  }

  @Test
  void basesComeFirstAndEnvironmentValuesMergeInOrder() {
    HelmfileState state =
        load(
            "demo",
            Map.of(
                "helmfile.yaml",
                "bases: [common.yaml]\nvalues: [{top: 1, shared: top}]\n"
                    + "environments:\n  demo:\n    values: [{fromMain: true, level: main}]\n"
                    + "releases:\n- name: b\n  chart: ./b\n",
                "common.yaml",
                "environments:\n  demo:\n    values: [env/a.yaml, env/b.yaml]\n"
                    + "releases:\n- name: a\n  chart: ./a\n",
                "env/a.yaml",
                "level: a\nnested: {x: 1, z: 1}\nshared: a\n",
                "env/b.yaml",
                "level: b\nnested: {z: 2}\n"));

    assertThat(state.environmentValues())
        .containsEntry("top", 1L)
        .containsEntry("shared", "a")
        .containsEntry("level", "main")
        .containsEntry("fromMain", true)
        .containsEntry("nested", Map.of("x", 1L, "z", 2L));
    assertThat(state.releases()).extracting(Release::name).containsExactly("a", "b");
    assertThat(state.releases().get(0).baseDir()).isEqualTo(root.toAbsolutePath().normalize());
  }

  @Test
  void readsEveryReleaseField() {
    HelmfileState state =
        load(
            "default",
            Map.of(
                "helmfile.yaml",
                "releases:\n- name: api\n  namespace: other\n  chart: ./charts/api\n  version: 1.2.3\n"
                    + "  values: [values/api.yaml, {replicas: 2}]\n  installed: false\n"
                    + "  needs: [other/db]\n",
                "values/api.yaml",
                "replicas: 1\nimage: api\n"));
    Release api = state.releases().get(0);
    assertThat(api.namespace()).isEqualTo("other");
    assertThat(api.chart()).isEqualTo("./charts/api");
    assertThat(api.version()).isEqualTo("1.2.3");
    assertThat(api.values()).isEqualTo(Map.of("replicas", 2L, "image", "api"));
    assertThat(api.installed()).isFalse();
    assertThat(api.needs()).containsExactly("other/db");
    assertThat(api.source()).isEqualTo("helmfile.yaml releases[0] (api)");
  }

  @Test
  void anUndefinedEnvironmentListsTheDefinedOnes() {
    assertThatThrownBy(
            () -> load("prod", Map.of("helmfile.yaml", "environments:\n  demo: {}\n  qa: {}\n")))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("environment 'prod' is not defined")
        .hasMessageContaining("[demo, qa]");
  }

  @Test
  void theDefaultEnvironmentNeedsNoDeclaration() {
    assertThat(load("default", Map.of("helmfile.yaml", "releases: []\n")).environmentValues())
        .isEmpty();
  }

  /** helmfile decodes state files strictly ({@code KnownFields} in {@code pkg/state/create.go}). */
  @Test
  void unknownKeysAreRefusedWithTheNearestKnownOne() {
    assertThatThrownBy(() -> load("default", Map.of("helmfile.yaml", "colour: blue\n")))
        .hasMessage(
            "helmfile.yaml: unknown key 'colour'; helmfile refuses unknown keys too: fix "
                + "or remove it");
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "releases:\n- name: api\n  chart: ./api\n  valeus: [a.yaml]\n")))
        .hasMessage(
            "helmfile.yaml releases[0] (api): unknown key 'valeus' (did you mean "
                + "'values'?); helmfile refuses unknown keys too: fix or remove it");
    assertThatThrownBy(
            () -> load("default", Map.of("helmfile.yaml", "helmDefaults:\n  Wait: true\n")))
        .hasMessage(
            "helmfile.yaml: unknown key 'helmDefaults.Wait' (did you mean "
                + "'helmDefaults.wait'?); helmfile refuses unknown keys too: fix or remove it");
  }

  @Test
  void aRefusedKeyThatAsksForNothingIsAccepted() {
    assertThat(
            load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "hooks: []\nreleases:\n- name: api\n"
                            + "  chart: ./api\n  postRenderer: \"\"\n  reuseValues: false\n"))
                .releases())
        .hasSize(1);
  }

  /** helmfile reads NAME.lock beside a state file ({@code pkg/state/chart_dependency.go}). */
  @Test
  void aHelmfileLockFileIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "releases: []\n",
                        "helmfile.lock",
                        "version: 0.150.0\ndependencies: []\n")))
        .hasMessage(
            "helmfile.lock: helmfile pins the chart versions of helmfile.yaml from this "
                + "lock file, which helmsync does not read yet: write the locked versions into the "
                + "releases' version: and delete the lock file");
  }

  @Test
  void brokenYamlInAValuesFileNamesThatFileAndLine() {
    assertThatThrownBy(
            () ->
                load(
                    "demo",
                    Map.of(
                        "helmfile.yaml", "environments:\n  demo:\n    values: [env/demo.yaml]\n",
                        "env/demo.yaml", "a: 1\nb: [\n")))
        .hasMessage("env/demo.yaml:2:5: invalid YAML: did not find expected node content");
  }

  @Test
  void missingValuesFileIsNamed() {
    assertThatThrownBy(
            () ->
                load(
                    "demo",
                    Map.of(
                        "helmfile.yaml", "environments:\n  demo:\n    values: [env/nope.yaml]\n")))
        .hasMessageStartingWith(
            "env/nope.yaml: values file not found (used by helmfile.yaml "
                + "environments.demo); create it, fix the path, or set missingFileHandler: Warn");
  }

  @Test
  void valuesFilesOutsideTheRepositoryAreRefused() {
    assertThatThrownBy(
            () ->
                load(
                    "demo",
                    Map.of(
                        "helmfile.yaml",
                        "environments:\n  demo:\n    values: [../../etc/passwd]\n")))
        .hasMessageContaining("outside the repository");
  }

  @Test
  void basesThatIncludeEachOtherAreACycle() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "bases: [a.yaml]\n",
                        "a.yaml",
                        "bases: [helmfile.yaml]\n")))
        .hasMessage(
            "helmfile.yaml: state files include each other in a cycle: helmfile.yaml -> a.yaml "
                + "-> helmfile.yaml");
  }

  @Test
  void wrongTypesNameTheKey() {
    assertThatThrownBy(
            () -> load("default", Map.of("helmfile.yaml", "releases:\n- name: a\n  chart: [x]\n")))
        .hasMessage("helmfile.yaml releases[0] (a): chart must be a string, found a list");
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml", "releases:\n- name: a\n  chart: x\n  installed: maybe\n")))
        .hasMessage(
            "helmfile.yaml releases[0] (a): installed must be true or false, found 'maybe'");
  }

  @Test
  void aYamlErrorInTheStateNamesFileLineAndColumn() {
    assertThatThrownBy(
            () -> load("default", Map.of("helmfile.yaml", "releases:\n- name: a\n  chart: [x\n")))
        .hasMessage(
            "helmfile.yaml:3:12: invalid YAML after rendering the template: did not find "
                + "expected ',' or ']'");
  }

  @Test
  void aTemplateParseErrorShowsTheOffendingLine() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of("helmfile.yaml", "releases:\n- name: a\n  chart: {{ .Values.x \n")))
        .hasMessage(
            "template: helmfile.yaml:4: unclosed action started at helmfile.yaml:3\n"
                + "  3 | chart: {{ .Values.x");
  }

  @Test
  void aTemplateErrorInALaterPartKeepsTheFilesLineNumbers() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "values: [{a: 1}]\n---\nreleases:\n- name: a\n  chart: {{ .Values.missing }}\n")))
        .hasMessage(
            "template: helmfile.yaml:5:19: executing \"helmfile.yaml\" at <.Values.missing>: "
                + "map has no entry for key \"missing\"\n  5 | chart: {{ .Values.missing }}");
  }

  @Test
  void requiredEnvUnsetIsNamed() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "releases:\n- name: a\n  chart: ./a\n  namespace: {{ requiredEnv \"TARGET_NAMESPACE\" }}\n")))
        .hasMessageContaining(
            "error calling requiredEnv: required env var `TARGET_NAMESPACE` is not set")
        .hasMessageContaining("helmfile.yaml:4:");
  }

  @Test
  void aMissingValuesFileIsSkippedUnderWarnInfoOrDebug() {
    for (String handler : new String[] {"Warn", "Info", "Debug"}) {
      HelmfileState state =
          load(
              "default",
              Map.of(
                  "helmfile.yaml",
                  "missingFileHandler: "
                      + handler
                      + "\nreleases:\n- name: a\n  chart: ./a\n  values: [nope.yaml, {x: 1}]\n"));
      assertThat(state.releases().get(0).values()).isEqualTo(Map.of("x", 1L));
    }
  }

  @Test
  void aReleaseMissingFileHandlerWinsOverTheStates() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "missingFileHandler: Warn\n"
                            + "releases:\n- name: a\n  chart: ./a\n  missingFileHandler: Error\n  values: [nope.yaml]\n")))
        .hasMessageStartingWith(
            "nope.yaml: values file not found (used by helmfile.yaml releases[0] (a) values)");
  }

  @Test
  void aMissingBaseIsNamed() {
    assertThatThrownBy(() -> load("default", Map.of("helmfile.yaml", "bases: [common.yaml]\n")))
        .hasMessageStartingWith("common.yaml: cannot read file");
  }

  @Test
  void pathsThatLeaveTheRepositoryAreRefused() {
    assertThatThrownBy(() -> load("default", Map.of("helmfile.yaml", "bases: [../outside.yaml]\n")))
        .hasMessageContaining("is outside the repository");
  }

  @Test
  void aDuplicateReleaseNamesBothDeclarations() {
    assertThatThrownBy(
            () ->
                load(
                    "default",
                    Map.of(
                        "helmfile.yaml",
                        "releases:\n- name: a\n  chart: ./a\n- name: a\n  chart: ./b\n")))
        .hasMessage(
            "helmfile.yaml releases[1] (a): duplicate release demo-ns/a, also declared at "
                + "helmfile.yaml releases[0] (a); release names must be unique in a namespace");
  }

  @Test
  void aSecretsFileThatSopsDidNotEncryptIsRefused() {
    assertThatThrownBy(
            () ->
                load(
                    "demo",
                    Map.of(
                        "helmfile.yaml",
                        "environments:\n  demo:\n    secrets: [secrets.yaml]\n",
                        "secrets.yaml",
                        "a: 1\n")))
        .hasMessageStartingWith("secrets.yaml: not encrypted with SOPS");
  }

  @Test
  void gotmplOnlyModeLeavesPlainStateFilesUnrendered() {
    RepoFiles.write(
        root,
        Map.of(
            "helmfile.yaml",
            "releases:\n- name: a\n  chart: ./a\n"
                + "  values: [{title: \"{{ .Release.Name }}\"}]\n"));
    HelmfileState state =
        new HelmfileLoader(StateOptions.of("helmfile.yaml", "ns", Map.of()).withGotmplOnly(true))
            .load(RepoFiles.snapshot(root, "r1"), "default");
    assertThat(state.releases().get(0).values()).containsEntry("title", "{{ .Release.Name }}");
  }

  @Test
  void secretVariablesNeverReachAnErrorMessage() {
    RepoFiles.write(
        root,
        Map.of(
            "helmfile.yaml",
            "releases:\n- name: a\n  chart: {{ requiredEnv \"REGISTRY_PASSWORD\" | fail }}\n"));
    StateOptions options =
        StateOptions.of("helmfile.yaml", "ns", Map.of("REGISTRY_PASSWORD", "hunter2-x"))
            .withSecretVariables(() -> java.util.Set.of("REGISTRY_PASSWORD"));
    assertThatThrownBy(
            () -> new HelmfileLoader(options).load(RepoFiles.snapshot(root, "r1"), "default"))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("***")
        .hasMessageNotContaining("hunter2-x")
        .hasNoCause();
  }
}
