package io.helmsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
  private static final AgentSettings SETTINGS =
      new AgentSettings(
          "demo",
          "demo",
          Optional.empty(),
          Optional.of("https://deploy:s3cr3t-t0ken@git.example.com/org/repo.git"),
          "main",
          ".",
          "helmfile.yaml",
          Duration.ofSeconds(15),
          true,
          false,
          Path.of("/tmp/w"));

  @Test
  void theSourceShownInLogsAndMetricsNeverCarriesCredentials() {
    assertThat(SETTINGS.sourceDescription())
        .isEqualTo("https://git.example.com/org/repo.git")
        .doesNotContain("s3cr3t")
        .doesNotContain("deploy");
  }

  @Test
  void theStateFileIsFoundUnderTheConfiguredPath() {
    assertThat(SETTINGS.stateFile()).isEqualTo("helmfile.yaml");
    AgentSettings nested =
        new AgentSettings(
            "demo",
            "demo",
            Optional.empty(),
            Optional.empty(),
            "main",
            "deploy/orchestrate",
            "helmfile.yaml",
            Duration.ofSeconds(15),
            true,
            false,
            Path.of("/tmp/w"));
    assertThat(nested.stateFile()).isEqualTo("deploy/orchestrate/helmfile.yaml");
  }

  @Test
  void aLocalDirectoryReplacesGit() {
    AgentSettings local = SETTINGS.withRepoDir(Path.of("/repo"));
    assertThat(local.gitUrl()).isEmpty();
    assertThat(local.sourceDescription()).isEqualTo("/repo");
  }
}
