package io.helmsync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.testing.AgentStoryResource;
import io.helmsync.testing.AgentStoryResource.InjectWorld;
import io.helmsync.testing.AgentStoryResource.World;
import io.helmsync.testing.ApplyPatchDispatcher.Request;
import io.helmsync.testing.ExampleSecrets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton's story, end to end: the packaged agent, a real git daemon, and the mock API
 * server. Each step pushes a commit and checks what reached the cluster, and what did not.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = AgentStoryResource.class, restrictToAnnotatedClass = true)
class AgentStoryIT {
  private static final Logger LOG = Logger.getLogger(AgentStoryIT.class);
  private static final String NS = AgentStoryResource.ENVIRONMENT;
  private static final String CONFIG = "environments/orchestrate-demo.yaml";
  private static final String CORE = "helmfiles/core.yaml";

  /** One poll (1 s) plus the time a reconcile takes on a busy 2-core CI machine. */
  private static final Duration ONE_POLL = Duration.ofSeconds(6);

  private static final List<String> CORE_RELEASES =
      List.of(
          "api-chain-registry",
          "api-contract-registry",
          "api-envelope-store",
          "tx-crafter",
          "tx-signer",
          "tx-sender",
          "tx-listener");

  @InjectWorld World world;

  @Test
  void gitCommitsBecomeClusterStateAndBadCommitsChangeNothing() throws Exception {
    KubernetesClient kube = world.kube().client();

    // 1. The example repository (nested helmfiles, .gotmpl values, local charts, secrets from
    //    AWS Secrets Manager) is applied, labelled, and recorded in the inventory.
    await().atMost(Duration.ofSeconds(60)).until(() -> managed(kube).size() == 35);
    assertThat(managed(kube))
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .contains(
            "StatefulSet/postgres",
            "Service/vault",
            "ServiceAccount/api-chain-registry",
            "Deployment/api-envelope-store",
            "ConfigMap/tx-listener",
            "Secret/tx-signer-secrets",
            "Secret/postgres-credentials",
            "Secret/orchestrate-registry");
    assertThat(secretValue(kube, "tx-signer-secrets", "AUTH_API_KEY"))
        .isEqualTo(ExampleSecrets.API_KEY);
    assertThat(secretValue(kube, "postgres-credentials", "password"))
        .isEqualTo(ExampleSecrets.DB_PASSWORD);
    assertThat(managed(kube))
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsEntry("helmsync.io/environment", NS)
                    .containsKey("helmsync.io/release"));
    ConfigMap inventory =
        kube.configMaps().inNamespace(NS).withName("helmsync-inventory-" + NS).get();
    assertThat(inventory.getData()).hasSize(11).containsKeys("postgres", "tx-listener");
    assertThat(inventory.getData().get("api-chain-registry"))
        .contains(NS + "_api-chain-registry_apps_Deployment v1");
    // REST Assured's first call warms up for seconds on a busy machine: not the agent's time.
    given().get("/q/health/live").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

    // 2. Polls with nothing new write nothing.
    world.kube().dispatcher().clearRequests();
    Thread.sleep(2500);
    assertThat(world.kube().dispatcher().writes()).isEmpty();

    // 3. A commit that changes one environment value is applied within one poll, and only the
    //    objects it changes are written: each core release's ConfigMap, and its Deployment,
    //    whose pod template carries the ConfigMap's checksum; and the inventory once, with the
    //    new content checksums of these releases.
    String original = Files.readString(Path.of("config-repo-example", CONFIG));
    long pushed = System.nanoTime();
    world
        .git()
        .repo()
        .writeFile(
            "main", CONFIG, original.replace("logLevel: debug", "logLevel: warn"), "warn logs");
    await().atMost(ONE_POLL).until(() -> "warn".equals(logLevel(kube)));
    LOG.infof("commit to cluster: %d ms", Duration.ofNanos(System.nanoTime() - pushed).toMillis());
    await()
        .pollDelay(Duration.ofMillis(1500))
        .atMost(ONE_POLL)
        .untilAsserted(
            () ->
                assertThat(world.kube().dispatcher().writes())
                    .extracting(Request::toString)
                    .hasSize(15)
                    .allSatisfy(
                        write ->
                            assertThat(write)
                                .matches(
                                    "PATCH /apis?/(v1|apps/v1)/namespaces/"
                                        + NS
                                        + "/(configmaps|deployments)/("
                                        + String.join("|", CORE_RELEASES)
                                        + "|helmsync-inventory-"
                                        + NS
                                        + ")\\?.*")));

    // 4. A rotated API key is read again within one refresh interval (2 s) and re-applied: each
    //    core release's Secret and its Deployment, whose pods restart through the Secret's
    //    checksum, and the inventory; nothing else.
    world.kube().dispatcher().clearRequests();
    long rotated = System.nanoTime();
    world
        .aws()
        .put(
            ExampleSecrets.NAME,
            ExampleSecrets.json().replace(ExampleSecrets.API_KEY, "rotated-Api-K3y"));
    await()
        .atMost(ONE_POLL)
        .until(
            () -> "rotated-Api-K3y".equals(secretValue(kube, "tx-signer-secrets", "AUTH_API_KEY")));
    LOG.infof(
        "secret rotation to cluster: %d ms",
        Duration.ofNanos(System.nanoTime() - rotated).toMillis());
    await()
        .pollDelay(Duration.ofMillis(1500))
        .atMost(ONE_POLL)
        .untilAsserted(
            () ->
                assertThat(world.kube().dispatcher().writes())
                    .extracting(Request::toString)
                    .hasSize(15)
                    .allSatisfy(
                        write ->
                            assertThat(write)
                                .matches(
                                    "PATCH /apis?/(v1|apps/v1)/namespaces/"
                                        + NS
                                        + "/(secrets/("
                                        + String.join("|", CORE_RELEASES)
                                        + ")-secrets|deployments/("
                                        + String.join("|", CORE_RELEASES)
                                        + ")|configmaps/helmsync-inventory-"
                                        + NS
                                        + ")\\?.*")));

    // 5. A commit that removes a release prunes exactly its objects.
    world.kube().dispatcher().clearRequests();
    String core = Files.readString(Path.of("config-repo-example", CORE));
    world
        .git()
        .repo()
        .writeFile(
            "main",
            CORE,
            core.replace("  - name: tx-listener\n    <<: *worker\n", ""),
            "no listener");
    await()
        .atMost(ONE_POLL)
        .until(
            () -> kube.apps().deployments().inNamespace(NS).withName("tx-listener").get() == null);
    assertThat(managed(kube)).hasSize(32);
    await()
        .atMost(ONE_POLL)
        .untilAsserted(
            () ->
                assertThat(world.kube().dispatcher().writes())
                    .extracting(Request::toString)
                    .satisfiesExactlyInAnyOrder(
                        delete ->
                            assertThat(delete)
                                .isEqualTo(
                                    "DELETE /api/v1/namespaces/" + NS + "/configmaps/tx-listener"),
                        delete ->
                            assertThat(delete)
                                .isEqualTo(
                                    "DELETE /api/v1/namespaces/"
                                        + NS
                                        + "/secrets/tx-listener-secrets"),
                        delete ->
                            assertThat(delete)
                                .isEqualTo(
                                    "DELETE /apis/apps/v1/namespaces/"
                                        + NS
                                        + "/deployments/tx-listener"),
                        save ->
                            assertThat(save)
                                .startsWith(
                                    "PATCH /api/v1/namespaces/"
                                        + NS
                                        + "/configmaps/helmsync-inventory-"
                                        + NS
                                        + "?")));

    // 6. A commit with broken YAML changes nothing, is counted, keeps readiness, and names file and
    // line.
    double failuresBefore = metric("helmsync_reconcile_total", "failure");
    world.kube().dispatcher().clearRequests();
    world
        .git()
        .repo()
        .writeFile("main", CONFIG, original.replace("logLevel: debug", "logLevel: [warn"), "oops");
    await()
        .atMost(ONE_POLL)
        .until(() -> metric("helmsync_reconcile_total", "failure") > failuresBefore);
    Thread.sleep(2500);
    assertThat(world.kube().dispatcher().writes()).isEmpty();
    assertThat(managed(kube)).hasSize(32);
    assertThat(logLevel(kube)).isEqualTo("warn");
    assertThat(metric("helmsync_reconcile_total", "failure")).isEqualTo(failuresBefore + 1);
    given().get("/q/health/ready").then().statusCode(200);
    String error = given().get("/api/status").then().statusCode(200).extract().path("error");
    assertThat(error).matches(CONFIG.replace(".", "\\.") + ":\\d+:\\d+: invalid YAML: .*");
    assertThat(given().get("/api/status").then().extract().<String>path("errorReason"))
        .isEqualTo("stalled");

    // 7. Fixing the commit recovers: applied, no longer failing. The mock API server runs no
    //    controllers, so the Deployments never finish rolling out and the agent says progressing.
    world
        .git()
        .repo()
        .writeFile("main", CONFIG, original.replace("logLevel: debug", "logLevel: error"), "fixed");
    await().atMost(ONE_POLL).until(() -> "error".equals(logLevel(kube)));
    await()
        .atMost(ONE_POLL)
        .untilAsserted(
            () ->
                assertThat(given().get("/api/status").then().extract().<String>path("state"))
                    .isEqualTo("progressing"));
    assertThat(metric("helmsync_reconcile_total", "success")).isGreaterThan(3);
    var status = given().get("/api/status").then().extract().jsonPath();
    assertThat(status.getString("commit.message")).isEqualTo("fixed");
    assertThat(status.getString("commit.author")).isEqualTo("helmsync test");
    assertThat(status.getString("commit.sha")).isEqualTo(world.git().repo().head("main"));
    assertThat(status.getList("recent.state")).contains("synced", "failing");
    assertThat(metric("helmsync_managed_objects", null)).isEqualTo(32);
    assertThat(metric("helmsync_last_success_timestamp_seconds", null)).isGreaterThan(1.7e9);
    assertThat(metric("helmsync_reconcile_duration_seconds_count", "success")).isGreaterThan(3);
    String info =
        given()
            .get("/q/metrics")
            .then()
            .extract()
            .asString()
            .lines()
            .filter(l -> l.startsWith("helmsync_info{"))
            .findFirst()
            .orElseThrow();
    assertThat(info)
        .contains("branch=\"main\"")
        .contains("environment=\"" + NS + "\"")
        .contains("revision=\"" + world.git().repo().head("main") + "\"")
        .endsWith(" 1.0");
  }

  private static List<HasMetadata> managed(KubernetesClient kube) {
    String selector = "app.kubernetes.io/managed-by";
    return Stream.of(
            kube.configMaps()
                .inNamespace(NS)
                .withLabel(selector, "helmsync")
                .withLabel("helmsync.io/release")
                .list()
                .getItems(),
            kube.apps()
                .deployments()
                .inNamespace(NS)
                .withLabel(selector, "helmsync")
                .list()
                .getItems(),
            kube.services().inNamespace(NS).withLabel(selector, "helmsync").list().getItems(),
            kube.serviceAccounts()
                .inNamespace(NS)
                .withLabel(selector, "helmsync")
                .list()
                .getItems(),
            kube.secrets().inNamespace(NS).withLabel(selector, "helmsync").list().getItems(),
            kube.apps()
                .statefulSets()
                .inNamespace(NS)
                .withLabel(selector, "helmsync")
                .list()
                .getItems())
        .flatMap(List::stream)
        .map(HasMetadata.class::cast)
        .toList();
  }

  private static String secretValue(KubernetesClient kube, String name, String key) {
    Secret secret = kube.secrets().inNamespace(NS).withName(name).get();
    return secret == null
        ? null
        : new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static String logLevel(KubernetesClient kube) {
    ConfigMap config = kube.configMaps().inNamespace(NS).withName("tx-sender").get();
    return config == null ? null : config.getData().get("LOG_LEVEL");
  }

  /** The sum of a metric's samples, optionally only those with {@code result="<result>"}. */
  private static double metric(String name, String result) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Pattern line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
    double sum = 0;
    Matcher matcher = line.matcher(text);
    while (matcher.find()) {
      if (result == null || matcher.group(1).contains("result=\"" + result + "\"")) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }
}
