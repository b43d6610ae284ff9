package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.YamlDocuments;
import io.helmsync.testing.ExampleSecrets;
import io.helmsync.testing.FakeSecretsManager;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class RenderCommandTest {
  /** The example's secret, read by every launch through the standard endpoint override. */
  private static FakeSecretsManager aws;

  @BeforeAll
  static void startAws() {
    aws = ExampleSecrets.start().configureLaunches();
  }

  @AfterAll
  static void stopAws() {
    aws.close();
  }

  @Test
  @Launch({"render", "--repo", "config-repo-example", "-e", "orchestrate-demo"})
  void rendersTheExampleWithOwnershipLabelsInNeedsOrder(LaunchResult result) {
    List<Map<String, Object>> objects =
        YamlDocuments.parse(result.getOutput(), "stdout").stream().map(d -> d.content()).toList();

    // Nested helmfiles in order (stateful, then core), releases by needs, objects in Helm's order.
    assertThat(objects)
        .extracting(o -> o.get("kind") + "/" + metadata(o).get("name"))
        .startsWith(
            "Secret/postgres-credentials",
            "Service/postgres",
            "StatefulSet/postgres",
            "Service/redis",
            "StatefulSet/redis",
            "Service/vault",
            "StatefulSet/vault",
            "Secret/orchestrate-registry",
            "ServiceAccount/api-chain-registry",
            "Secret/api-chain-registry-secrets",
            "ConfigMap/api-chain-registry",
            "Service/api-chain-registry",
            "Deployment/api-chain-registry")
        .endsWith("Secret/tx-listener-secrets", "ConfigMap/tx-listener", "Deployment/tx-listener")
        .hasSize(35);
    assertThat(objects)
        .allSatisfy(
            o -> {
              assertThat(metadata(o)).containsEntry("namespace", "orchestrate-demo");
              assertThat(labels(o))
                  .containsEntry("app.kubernetes.io/managed-by", "helmsync")
                  .containsEntry("helmsync.io/environment", "orchestrate-demo");
            });
    assertThat(labels(objects.get(34))).containsEntry("helmsync.io/release", "tx-listener");
  }

  @Test
  @Launch({"render", "--repo", "config-repo-example", "-e", "orchestrate-demo"})
  void theSecretsFromAwsAreRenderedMasked(LaunchResult result) {
    assertThat(aws.requests()).as("the example's secret was read").isNotEmpty();
    assertThat(result.getOutput()).doesNotContain(ExampleSecrets.forbidden());
    Map<String, Map<String, Object>> secretData =
        YamlDocuments.parse(result.getOutput(), "stdout").stream()
            .map(d -> d.content())
            .filter(o -> "Secret".equals(o.get("kind")))
            .collect(Collectors.toMap(o -> (String) metadata(o).get("name"), o -> data(o)));
    assertThat(secretData.get("orchestrate-registry"))
        .containsExactly(Map.entry(".dockerconfigjson", "***"));
    assertThat(secretData.get("tx-signer-secrets"))
        .containsOnlyKeys("AUTH_API_KEY", "AUTH_JWT_CERTIFICATE", "DB_PASSWORD")
        .allSatisfy((key, value) -> assertThat(value).isEqualTo("***"));
  }

  @Test
  void showSecretsPrintsTheValuesFromAws(QuarkusMainLauncher launcher) {
    LaunchResult result =
        launcher.launch(
            "render", "--repo", "config-repo-example", "-e", "orchestrate-demo", "--show-secrets");
    assertThat(result.getOutput())
        .contains("  AUTH_API_KEY: " + ExampleSecrets.base64(ExampleSecrets.API_KEY));
  }

  @Test
  void badInputExitsWithOneAndNamesTheFileAndLine(QuarkusMainLauncher launcher, @TempDir Path repo)
      throws Exception {
    Files.writeString(repo.resolve("helmfile.yaml"), "releases:\n  - name: a\n    chart: [\n");
    LaunchResult result = launcher.launch("render", "--repo", repo.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getErrorOutput())
        .contains("helmsync render: helmfile.yaml:3:13: invalid YAML");
    assertThat(result.getOutput()).isEmpty();
  }

  @Test
  void anUnknownEnvironmentIsExplained(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("render", "--repo", "config-repo-example", "-e", "prod");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getErrorOutput())
        .contains(
            "environment 'prod' is not defined; defined environments: [default, orchestrate-demo]");
  }

  @Test
  @Launch(value = {"sync", "--help"})
  void everyCommandHasHelp(LaunchResult result) {
    assertThat(result.getOutput())
        .contains("Usage: helmsync sync")
        .contains("--once")
        .contains("--repo");
  }

  @Test
  @Launch(
      value = {"sync"},
      exitCode = 2)
  void syncWithoutOnceIsAUsageError(LaunchResult result) {
    assertThat(result.getErrorOutput()).contains("Missing required option: '--once'");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Map<String, Object> object) {
    return (Map<String, Object>) object.get("metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> object) {
    return (Map<String, Object>) metadata(object).get("labels");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> secret) {
    return (Map<String, Object>) secret.get("data");
  }
}
