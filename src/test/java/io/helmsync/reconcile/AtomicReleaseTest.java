package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.ReleaseHistory;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.FakeControllers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A release whose Deployment never finishes its rollout, with and without {@code atomic}. */
class AtomicReleaseTest {
  private ApplyMockServer server;
  private FakeControllers controllers;
  private ConfigMapInventoryStore inventory;
  private ServerSideSync sync;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    controllers = FakeControllers.start(server.client(), "demo");
    inventory = new ConfigMapInventoryStore(server.client(), "demo", "demo");
    sync =
        OnceSyncs.of(
            server.client(),
            new ServerSideApplier(server.client()),
            ApplyOptions.defaults(),
            PruneOptions.defaults());
  }

  @AfterEach
  void stop() {
    controllers.close();
    server.close();
  }

  private static Manifest deployment(String image, String revision) {
    Map<String, Object> body =
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", "api"),
            "spec",
            Map.of(
                "replicas",
                1,
                "selector",
                Map.of("matchLabels", Map.of("app", "api")),
                "template",
                Map.of(
                    "metadata",
                    Map.of("labels", Map.of("app", "api")),
                    "spec",
                    Map.of("containers", List.of(Map.of("name", "api", "image", image))))));
    return Ownership.label(
        new Manifest(new ObjectRef("apps/v1", "Deployment", "", "api"), body, "api"),
        "demo",
        "api",
        "demo",
        revision);
  }

  private static DesiredState api(
      String revision, String version, Duration timeout, boolean atomic) {
    return new DesiredState(
        "demo",
        revision,
        List.of(
            new DesiredRelease(
                "api",
                "demo",
                List.of(
                    ReleaseHooksTest.configMap("api-config", version, "api", revision),
                    deployment("api:" + version, revision)),
                List.of(),
                new WaitPolicy(true, timeout, atomic))));
  }

  private String image() {
    return server
        .client()
        .apps()
        .deployments()
        .inNamespace("demo")
        .withName("api")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private String configValue() {
    return server
        .client()
        .configMaps()
        .inNamespace("demo")
        .withName("api-config")
        .get()
        .getData()
        .get("value");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aRolloutThatNeverCompletesDegradesTheReleaseAndAtomicPutsBackThePreviousObjects(
      boolean atomic) {
    sync.sync(api("r1", "v1", Duration.ofSeconds(10), atomic));
    controllers.rollOut(false);

    assertThatThrownBy(() -> sync.sync(api("r2", "v2", Duration.ofMillis(500), atomic)))
        .hasMessageContaining(
            "release api is not healthy: Deployment/demo/api: Waiting for " + "rollout to finish")
        .hasMessageContaining("(timed out after 500ms)")
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e ->
                assertThat(e.reason())
                    .as("a health wait that timed out waits")
                    .isEqualTo(Reason.WAITING))
        .satisfies(
            e ->
                assertThat(
                        e.getMessage()
                            .contains("atomic: re-applied the release's objects of revision r1"))
                    .isEqualTo(atomic));

    String expected = atomic ? "v1" : "v2";
    assertThat(image()).isEqualTo("api:" + expected);
    assertThat(configValue()).isEqualTo(expected);
    assertThat(inventory.load().history("api"))
        .extracting(ReleaseHistory::number, ReleaseHistory::status, ReleaseHistory::revision)
        .containsExactly(2, "failed", "r1");
  }

  @Test
  void aLongWaitPrintsProgressLinesOnlyWhenTheReasonChanges() {
    sync.sync(api("r1", "v1", Duration.ofSeconds(10), false));
    controllers.rollOut(false);
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(((ExtLogRecord) record).getFormattedMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger helmsync = java.util.logging.Logger.getLogger("io.helmsync");
    helmsync.addHandler(capture);
    try {
      assertThatThrownBy(() -> sync.sync(api("r2", "v2", Duration.ofMillis(300), false)));
    } finally {
      helmsync.removeHandler(capture);
    }

    assertThat(lines)
        .contains(
            "release api: upgrading (2 objects, 0 hooks, then waiting up to 0s " + "for health)");
    assertThat(lines)
        .filteredOn(line -> line.startsWith("waiting: "))
        .as("about 30 polls of 10 ms, one line: the reason never changes")
        .singleElement()
        .asString()
        .startsWith("waiting: Deployment/demo/api: Waiting for rollout to finish");
  }
}
