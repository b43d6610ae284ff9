package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.testing.RepoFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HELMSYNC_SECRET_PLACEHOLDERS=true}: {@code render} without a cluster resolves a reference
 * without AWS (none is configured here), to text that names it and is masked like a secret.
 */
@QuarkusMainTest
@TestProfile(SecretPlaceholdersCommandTest.Placeholders.class)
class SecretPlaceholdersCommandTest {
  private static final String PLACEHOLDER = "placeholder-for-awssecrets-orchestrate-demo-apiKey";

  public static class Placeholders implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("helmsync.secret-placeholders", "true");
    }
  }

  @Test
  void renderWithoutAwsShowsPlaceholdersMasked(QuarkusMainLauncher launcher, @TempDir Path repo) {
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml",
                """
            releases:
              - name: api
                chart: ./charts/api
                values:
                  - apiKey: ref+awssecrets://orchestrate/demo#/apiKey
            """,
            "charts/api/Chart.yaml", "apiVersion: v2\nname: api\nversion: 0.1.0\n",
            "charts/api/templates/secret.yaml",
                """
            apiVersion: v1
            kind: Secret
            metadata:
              name: api
            stringData:
              apiKey: {{ .Values.apiKey }}
            """));

    LaunchResult masked = launcher.launch("render", "--repo", repo.toString());
    assertThat(masked.exitCode()).as(masked.getErrorOutput()).isZero();
    assertThat(masked.getOutput()).contains("apiKey: '***'").doesNotContain(PLACEHOLDER);

    LaunchResult shown = launcher.launch("render", "--show-secrets", "--repo", repo.toString());
    assertThat(shown.exitCode()).as(shown.getErrorOutput()).isZero();
    assertThat(shown.getOutput()).contains("apiKey: " + PLACEHOLDER);
  }
}
