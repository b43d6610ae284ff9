package io.helmsync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.testing.AgentStoryResource;
import io.helmsync.testing.AgentStoryResource.InjectWorld;
import io.helmsync.testing.AgentStoryResource.World;
import io.helmsync.testing.PrometheusText;
import io.helmsync.testing.PrometheusText.Sample;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of the packaged agent from outside: every metric of DESIGN.md with its
 * labels, parsed from {@code /q/metrics} as Prometheus parses it, and the Events on the inventory
 * ConfigMap; after a sync, after a prune, and after a broken commit.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = AgentStoryResource.class, restrictToAnnotatedClass = true)
class MetricsAndEventsIT {
  private static final String NS = AgentStoryResource.ENVIRONMENT;
  private static final String CONFIG = "environments/orchestrate-demo.yaml";
  private static final String CORE = "helmfiles/core.yaml";

  /**
   * One poll (1 s) plus a reconcile on a CI machine shared with other builds: not a timing test.
   */
  private static final Duration ONE_POLL = Duration.ofSeconds(30);

  private static final Map<String, String> ENV = Map.of("environment", NS);
  private static final List<String> RELEASES =
      List.of(
          "postgres",
          "redis",
          "vault",
          "api-chain-registry",
          "api-contract-registry",
          "api-envelope-store",
          "tx-crafter",
          "tx-signer",
          "tx-sender",
          "tx-listener");

  /** The only labels a helmsync metric may carry besides {@code helmsync_info}: all bounded. */
  private static final Set<String> BOUNDED_LABELS =
      Set.of("environment", "result", "release", "status", "action", "le", "provider", "backend");

  @InjectWorld World world;

  @Test
  void everyMetricAndEventAfterASyncAPruneAndAFailure() throws Exception {
    KubernetesClient kube = world.kube().client();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                scrape()
                    .sample(
                        "helmsync_reconcile_total", Map.of("environment", NS, "result", "success"))
                    .isPresent());
    String first = world.git().repo().head("main");

    PrometheusText synced = scrape();
    assertThat(value(synced, "helmsync_reconcile_total", Map.of("result", "success")))
        .isGreaterThanOrEqualTo(1);
    assertThat(synced.type("helmsync_reconcile_duration_seconds")).contains("histogram");
    assertThat(synced.samples("helmsync_reconcile_duration_seconds_bucket"))
        .filteredOn(sample -> sample.labels().get("result").equals("success"))
        .extracting(sample -> sample.labels().get("le"))
        .contains("0.1", "1.0", "60.0", "+Inf");
    assertThat(
            value(synced, "helmsync_reconcile_duration_seconds_count", Map.of("result", "success")))
        .isEqualTo(value(synced, "helmsync_reconcile_total", Map.of("result", "success")));
    assertThat(
            value(
                synced,
                "helmsync_info",
                Map.of("environment", NS, "branch", "main", "revision", first)))
        .isEqualTo(1);
    assertThat(synced.samples("helmsync_info").get(0).labels().get("repo"))
        .startsWith("git://127.0.0.1:");
    assertThat(synced.samples("helmsync_managed_objects"))
        .hasSize(11)
        .allSatisfy(
            sample ->
                assertThat(sample.labels())
                    .containsEntry("environment", NS)
                    .containsKey("release"));
    assertThat(synced.samples("helmsync_managed_objects").stream().mapToDouble(Sample::value).sum())
        .isEqualTo(35);
    assertThat(value(synced, "helmsync_apply_objects_total", Map.of("action", "created")))
        .isEqualTo(35);
    assertThat(synced.type("helmsync_git_fetch_duration_seconds")).contains("histogram");
    assertThat(
            value(synced, "helmsync_git_fetch_duration_seconds_count", Map.of("result", "success")))
        .isGreaterThanOrEqualTo(1);
    double lastSuccess = value(synced, "helmsync_last_success_timestamp_seconds", ENV);
    assertThat(lastSuccess)
        .isBetween(
            Instant.now().minusSeconds(120).getEpochSecond() * 1.0,
            Instant.now().getEpochSecond() + 1.0);
    for (String release : RELEASES) {
      assertThat(synced.samples("helmsync_release_status"))
          .filteredOn(sample -> sample.labels().get("release").equals(release))
          .singleElement()
          .satisfies(
              sample -> assertThat(sample.labels().get("status")).isIn("healthy", "progressing"))
          .extracting(Sample::value)
          .isEqualTo(1.0);
    }
    assertThat(events(kube)).extracting(Event::getReason).contains("SyncStarted", "SyncSucceeded");
    assertThat(events(kube))
        .filteredOn(event -> event.getReason().equals("SyncSucceeded"))
        .first()
        .extracting(Event::getMessage)
        .asString()
        .startsWith("revision " + first.substring(0, 12) + " applied: created 35");

    // A commit that removes a release: its three objects (Secret, ConfigMap, Deployment) are
    // pruned and its row is gone.
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
        .untilAsserted(
            () -> assertThat(value(scrape(), "helmsync_pruned_objects_total", ENV)).isEqualTo(3));
    PrometheusText pruned = scrape();
    assertThat(value(pruned, "helmsync_apply_objects_total", Map.of("action", "deleted")))
        .isEqualTo(3);
    assertThat(pruned.samples("helmsync_managed_objects"))
        .hasSize(10)
        .noneMatch(sample -> sample.labels().get("release").equals("tx-listener"));
    String second = world.git().repo().head("main");

    // A broken commit: counted as a failure, nothing else moves, and an Event says why.
    String original = Files.readString(Path.of("config-repo-example", CONFIG));
    world
        .git()
        .repo()
        .writeFile("main", CONFIG, original.replace("logLevel: debug", "logLevel: [warn"), "oops");
    await()
        .atMost(ONE_POLL)
        .until(
            () ->
                scrape()
                    .sample("helmsync_reconcile_total", Map.of("result", "failure"))
                    .isPresent());
    PrometheusText failed = scrape();
    assertThat(value(failed, "helmsync_reconcile_total", Map.of("result", "failure"))).isEqualTo(1);
    assertThat(
            value(failed, "helmsync_reconcile_duration_seconds_count", Map.of("result", "failure")))
        .isEqualTo(1);
    assertThat(value(failed, "helmsync_info", ENV)).isEqualTo(1);
    assertThat(failed.samples("helmsync_info"))
        .singleElement()
        .satisfies(info -> assertThat(info.labels()).containsEntry("revision", second));
    assertThat(value(failed, "helmsync_managed_objects", Map.of("release", "tx-sender")))
        .isEqualTo(3);
    assertThat(value(failed, "helmsync_last_success_timestamp_seconds", ENV))
        .isLessThanOrEqualTo(Instant.now().getEpochSecond());
    await()
        .atMost(ONE_POLL)
        .untilAsserted(
            () ->
                assertThat(events(kube))
                    .filteredOn(event -> event.getReason().equals("SyncFailed"))
                    .singleElement()
                    .satisfies(
                        event -> {
                          assertThat(event.getType()).isEqualTo("Warning");
                          assertThat(event.getMessage()).contains(CONFIG).contains("invalid YAML");
                        }));

    assertThat(failed.samples())
        .filteredOn(sample -> sample.name().startsWith("helmsync_"))
        .filteredOn(sample -> !sample.name().equals("helmsync_info"))
        .allSatisfy(sample -> assertThat(BOUNDED_LABELS).containsAll(sample.labels().keySet()));
  }

  private static List<Event> events(KubernetesClient kube) {
    return kube.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(event -> event.getInvolvedObject().getKind().equals("ConfigMap"))
        .filter(event -> event.getInvolvedObject().getName().equals("helmsync-inventory-" + NS))
        .toList();
  }

  private static PrometheusText scrape() {
    return PrometheusText.parse(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }

  private static double value(PrometheusText metrics, String name, Map<String, String> labels) {
    return metrics
        .sample(name, labels)
        .map(Sample::value)
        .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in /q/metrics"));
  }
}
