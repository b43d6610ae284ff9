package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ExampleSecrets;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.RepoFiles;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff} and {@code sync --once} against the mock API server, with their exit codes. Every
 * launch starts the application anew, so the mock server and the Secrets Manager stub holding the
 * example's secret live in the test and are handed to each launch as system properties: the cluster
 * remembers between {@code sync} and {@code diff}.
 */
@QuarkusMainTest
class DiffAndSyncCommandTest {
  private static final String API_SERVER_URL = "quarkus.kubernetes-client.api-server-url";
  private static ApplyMockServer cluster;
  private static FakeSecretsManager aws;

  @BeforeAll
  static void startClusterAndAws() {
    cluster = ApplyMockServer.start();
    System.setProperty(API_SERVER_URL, cluster.url());
    aws = ExampleSecrets.start().configureLaunches();
  }

  @AfterAll
  static void stopClusterAndAws() {
    System.clearProperty(API_SERVER_URL);
    cluster.close();
    aws.close();
  }

  @TempDir Path repo;

  private String[] args(String... command) {
    Stream<String> colour = command[0].equals("diff") ? Stream.of("--color", "never") : Stream.of();
    return Stream.of(
            Stream.of(command),
            Stream.of("--repo", repo.toString(), "-e", "orchestrate-demo"),
            colour)
        .flatMap(s -> s)
        .toArray(String[]::new);
  }

  @Test
  void diffExitsTwoUntilSyncedZeroAfterAndTwoAgainOnAChange(QuarkusMainLauncher launcher)
      throws IOException {
    RepoFiles.copyExample(repo);

    LaunchResult before = launcher.launch(args("diff"));
    assertThat(before.exitCode()).isEqualTo(2);
    assertThat(before.getOutput())
        .contains("+++ desired ConfigMap/orchestrate-demo/tx-sender (created");
    assertThat(before.getErrorOutput()).contains("35 objects would change");
    assertThat(before.getOutput()).doesNotContain(ExampleSecrets.forbidden());

    LaunchResult sync = launcher.launch(args("sync", "--once"));
    assertThat(sync.exitCode()).isEqualTo(0);
    assertThat(sync.getOutput())
        .contains("ConfigMap/orchestrate-demo/tx-sender created")
        .contains(" synced: ");

    LaunchResult inSync = launcher.launch(args("diff"));
    assertThat(inSync.exitCode()).isEqualTo(0);
    assertThat(inSync.getOutput()).isEmpty();
    assertThat(inSync.getErrorOutput()).contains("in sync: no differences");

    Path redis = repo.resolve("values/redis.yaml.gotmpl");
    Files.writeString(redis, Files.readString(redis).replace("port: 6379", "port: 6380"));
    LaunchResult changed = launcher.launch(args("diff"));
    assertThat(changed.exitCode()).isEqualTo(2);
    assertThat(changed.getOutput())
        .contains("-    port: 6379")
        .contains("+    port: 6380")
        .doesNotContain("\u001b[");
    assertThat(changed.getErrorOutput()).contains("2 objects would change");
  }

  @Test
  void withHelmsyncDriftIgnoreAnHpaScaledDeploymentIsInSyncForDiffAndSync(
      QuarkusMainLauncher launcher) {
    RepoFiles.copyExample(repo);
    assertThat(launcher.launch(args("sync", "--once", "-n", "hpa")).exitCode()).isEqualTo(0);
    Deployment deployment =
        cluster.client().apps().deployments().inNamespace("hpa").list().getItems().get(0);
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace("hpa")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(deployment.getMetadata().getName())
                .withNamespace("hpa")
                .endMetadata()
                .withNewSpec()
                .withReplicas(7)
                .endSpec()
                .build())
        .fieldManager("horizontal-pod-autoscaler")
        .forceConflicts()
        .serverSideApply();

    LaunchResult fought = launcher.launch(args("diff", "-n", "hpa"));
    assertThat(fought.exitCode()).isEqualTo(2);
    assertThat(fought.getOutput()).contains("-  replicas: 7");

    System.setProperty("helmsync.drift-ignore", "apps/v1/Deployment:spec.replicas");
    try {
      LaunchResult ignored = launcher.launch(args("diff", "-n", "hpa"));
      assertThat(ignored.exitCode()).isEqualTo(0);
      assertThat(ignored.getErrorOutput()).contains("in sync: no differences");
      cluster.dispatcher().clearRequests();
      assertThat(launcher.launch(args("sync", "--once", "-n", "hpa")).exitCode()).isEqualTo(0);
    } finally {
      System.clearProperty("helmsync.drift-ignore");
    }
    assertThat(cluster.dispatcher().writes())
        .noneMatch(
            write ->
                write.path().contains("/namespaces/hpa/")
                    && !write.path().contains("/configmaps/helmsync-inventory-"));
    assertThat(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace("hpa")
                .withName(deployment.getMetadata().getName())
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(7);
  }

  @Test
  void badInputIsExitOneForBoth(QuarkusMainLauncher launcher) throws IOException {
    Files.writeString(repo.resolve("helmfile.yaml"), "releases: [\n");
    for (String[] command : List.of(args("diff"), args("sync", "--once"))) {
      LaunchResult result = launcher.launch(command);
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.getErrorOutput()).contains("helmfile.yaml:1:12: invalid YAML");
    }
  }

  @Test
  void diffAsJsonListsEachObjectThatWouldChangeWithItsMaskedDiff(QuarkusMainLauncher launcher)
      throws Exception {
    LaunchResult result =
        launcher.launch(
            "diff",
            "--repo",
            Path.of("config-repo-example").toAbsolutePath().toString(),
            "-e",
            "orchestrate-demo",
            "-n",
            "json-output",
            "-o",
            "json");

    assertThat(result.exitCode()).isEqualTo(2);
    List<Map<String, String>> changes =
        new ObjectMapper().readValue(result.getOutput(), new TypeReference<>() {});
    assertThat(changes)
        .hasSize(35)
        .allSatisfy(
            change -> {
              assertThat(change.get("action")).isEqualTo("created");
              assertThat(change.get("diff")).startsWith("--- live " + change.get("object"));
            });
    assertThat(changes)
        .extracting(change -> change.get("object"))
        .contains("StatefulSet/json-output/postgres");
  }
}
