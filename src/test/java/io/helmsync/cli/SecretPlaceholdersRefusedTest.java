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
 * {@code HELMSYNC_SECRET_PLACEHOLDERS=true} with a cluster to apply to: placeholders must never
 * reach a cluster, so the command stops before anything is read or written, in one line that names
 * the setting (no stack trace).
 */
@QuarkusMainTest
@TestProfile(SecretPlaceholdersRefusedTest.PlaceholdersWithCluster.class)
class SecretPlaceholdersRefusedTest {

  public static class PlaceholdersWithCluster implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // Nothing listens on port 9: the refusal must come before any request.
      return Map.of(
          "helmsync.secret-placeholders",
          "true",
          "quarkus.kubernetes-client.api-server-url",
          "http://127.0.0.1:9");
    }
  }

  @Test
  void syncIsRefusedInOneLineNamingTheSetting(QuarkusMainLauncher launcher, @TempDir Path repo) {
    RepoFiles.write(repo, Map.of("helmfile.yaml", "releases: []\n"));

    LaunchResult result = launcher.launch("sync", "--once", "--repo", repo.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getErrorOutput())
        .startsWith("helmsync sync: HELMSYNC_SECRET_PLACEHOLDERS=true is refused")
        .doesNotContain("\tat io.helmsync");
  }
}
