package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.template.helmfile.EnvAllowlist;
import io.helmsync.template.helmfile.HelmfileFunctions;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load passes the allowlist and the env Secret's keys to every template: a values {@code .gotmpl}
 * that reads the agent's credentials stalls naming the file and the variable, and one that reads
 * the Secret's keys and allowed names renders.
 */
class TemplateEnvironmentLoadTest {
  private static final Map<String, String> VARIABLES =
      Map.of(
          "AWS_SECRET_ACCESS_KEY", "aws-agent-secret",
          "AWS_REGION", "eu-west-3",
          "APP_TAG", "1.2.3");

  @TempDir Path root;

  @Test
  void readingTheAgentsCredentialsStallsNamingFileAndVariable() {
    RepoFiles.write(
        root,
        Map.of(
            "helmfile.yaml",
            "releases:\n  - name: api\n    chart: ./chart\n    values:\n"
                + "      - values.yaml.gotmpl\n",
            "values.yaml.gotmpl",
            "tag: {{ env \"APP_TAG\" }}\nkey: {{ env \"AWS_SECRET_ACCESS_KEY\" }}\n"));

    ReconcileException error = catchThrowableOfType(ReconcileException.class, () -> load(Set.of()));

    assertThat(error.reason()).isEqualTo(Reason.STALLED);
    assertThat(error.getMessage())
        .contains(
            "values.yaml.gotmpl:2:",
            "AWS_SECRET_ACCESS_KEY is the agent's own configuration or credentials (AWS_*)",
            "a key of the Secret named by HELMSYNC_ENV_SECRET")
        .doesNotContain("aws-agent-secret");
  }

  @Test
  void theSecretsKeysAndAllowedNamesRender() {
    RepoFiles.write(
        root,
        Map.of(
            "helmfile.yaml",
            "releases:\n  - name: api\n    chart: ./chart\n    values:\n"
                + "      - values.yaml.gotmpl\n",
            "values.yaml.gotmpl",
            "tag: {{ env \"APP_TAG\" }}\nregion: {{ requiredEnv \"AWS_REGION\" }}\n"));

    HelmfileState state = load(Set.of("AWS_REGION"));

    assertThat(state.releases().get(0).values())
        .containsEntry("tag", "1.2.3")
        .containsEntry("region", "eu-west-3");
  }

  private HelmfileState load(Set<String> secretKeys) {
    StateOptions options =
        StateOptions.of("helmfile.yaml", "shop", VARIABLES)
            .withSecretVariables(() -> secretKeys)
            .withFunctions(
                HelmfileFunctions.Options.defaults()
                    .withEnvAllow(EnvAllowlist.parse(List.of("APP_*"))));
    return new HelmfileLoader(options).load(RepoFiles.snapshot(root, "r1"), "default");
  }
}
