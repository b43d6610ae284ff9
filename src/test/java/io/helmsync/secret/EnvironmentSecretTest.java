package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.ApplyMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnvironmentSecretTest {
  private ApplyMockServer server;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theSecretsKeysOverlayTheProcessEnvironmentAndAreReadOnEveryLoad() {
    server
        .client()
        .secrets()
        .inNamespace("demo")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("orchestrate-env")
                .endMetadata()
                .withData(
                    Map.of("REGISTRY_PASSWORD", base64("s3cret"), "LOG_LEVEL", base64("debug")))
                .build())
        .create();
    EnvironmentSecret secret = new EnvironmentSecret(server.client(), "demo", "orchestrate-env");

    assertThat(secret.variables(Map.of("LOG_LEVEL", "info", "HOME", "/home/agent")))
        .containsEntry("REGISTRY_PASSWORD", "s3cret")
        .containsEntry("LOG_LEVEL", "debug")
        .containsEntry("HOME", "/home/agent");
    assertThat(secret.secretNames()).containsExactlyInAnyOrder("REGISTRY_PASSWORD", "LOG_LEVEL");

    server
        .client()
        .secrets()
        .inNamespace("demo")
        .withName("orchestrate-env")
        .edit(
            s -> {
              s.getData().put("REGISTRY_PASSWORD", base64("rotated"));
              return s;
            });
    assertThat(secret.variables(Map.of())).containsEntry("REGISTRY_PASSWORD", "rotated");
  }

  @Test
  void aMissingSecretStallsNamingItAndWhatToDo() {
    EnvironmentSecret secret = new EnvironmentSecret(server.client(), "demo", "nope");
    assertThatThrownBy(() -> secret.variables(Map.of()))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            "Secret demo/nope named by HELMSYNC_ENV_SECRET does not exist; create it or "
                + "unset HELMSYNC_ENV_SECRET");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
