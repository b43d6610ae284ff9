package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.ReleaseHistory;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ApplyPatchDispatcher.Fault;
import io.helmsync.testing.FakeControllers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API errors injected into the mock server's answers: conflicts are retried, anything else stops
 * the sync as transient, and the next sync (even by a restarted agent) converges without running a
 * hook twice. The agent's client does not retry by itself here, so every fault reaches helmsync.
 */
class ApiFaultsTest {
  private static final String CONFIG_B = "/api/v1/namespaces/demo/configmaps/b-config";
  private ApplyMockServer server;
  private KubernetesClient agentClient;
  private FakeControllers controllers;
  private ConfigMapInventoryStore inventory;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    agentClient =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.client().getConfiguration())
                    .withRequestTimeout(1000)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    controllers = FakeControllers.start(server.client(), "demo");
    inventory = new ConfigMapInventoryStore(agentClient, "demo", "demo");
  }

  @AfterEach
  void stop() {
    controllers.close();
    agentClient.close();
    server.close();
  }

  private ServerSideSync agent() {
    return OnceSyncs.of(
        agentClient,
        new ServerSideApplier(agentClient),
        ApplyOptions.defaults(),
        PruneOptions.defaults());
  }

  private static DesiredRelease release(String name) {
    return new DesiredRelease(
        name,
        "demo",
        List.of(ReleaseHooksTest.configMap(name + "-config", "v1", name, "r1")),
        List.of(),
        new WaitPolicy(false, Duration.ofSeconds(10)),
        List.of(ReleaseHooksTest.job(name + "-setup", "pre-install", 0)));
  }

  private static final DesiredState TWO_RELEASES =
      new DesiredState("demo", "r1", List.of(release("a"), release("b")));

  private List<String> configMaps() {
    return server.client().configMaps().inNamespace("demo").list().getItems().stream()
        .map(cm -> cm.getMetadata().getName())
        .filter(name -> !name.startsWith("helmsync-"))
        .sorted()
        .toList();
  }

  @Test
  void aConflictIsRetriedFromAFreshRead() {
    server.dispatcher().inject("PATCH", CONFIG_B, new Fault(409), new Fault(409));

    agent().sync(TWO_RELEASES);

    assertThat(configMaps()).containsExactly("a-config", "b-config");
    assertThat(server.dispatcher().requests())
        .filteredOn(r -> r.path().startsWith(CONFIG_B))
        .extracting(r -> r.method())
        .containsExactly("GET", "PATCH", "GET", "PATCH", "GET", "PATCH");
  }

  @Test
  void conflictsThatKeepComingStopTheSyncAfterAFewAttempts() {
    server.dispatcher().inject("PATCH", CONFIG_B, new Fault(409), new Fault(409), new Fault(409));

    assertThatThrownBy(() -> agent().sync(TWO_RELEASES))
        .hasMessageContaining("ConfigMap/demo/b-config: apply failed (HTTP 409)");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, Fault.UNANSWERED})
  void aSyncStoppedByAnApiFaultLosesNothingAndTheNextOneConvergesWithoutRepeatingHooks(int fault) {
    server.dispatcher().inject("PATCH", CONFIG_B, new Fault(fault));

    assertThatThrownBy(() -> agent().sync(TWO_RELEASES))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("ConfigMap/demo/b-config: apply failed");
    assertThat(inventory.load().history("a").status()).isEqualTo(ReleaseHistory.DEPLOYED);
    assertThat(inventory.load().history("b")).isEqualTo(ReleaseHistory.FIRST_INSTALL);
    assertThat(inventory.load().objects())
        .extracting(ObjectRef::name)
        .containsExactly("a-config", "b-config");

    // A restarted agent: release a is done, release b is installed (its pre-install runs again,
    // as its install never ended).
    agent().sync(TWO_RELEASES);

    assertThat(configMaps()).containsExactly("a-config", "b-config");
    assertThat(controllers.finishedJobs()).containsExactly("a-setup", "b-setup", "b-setup");
    assertThat(inventory.load().history("b").status()).isEqualTo(ReleaseHistory.DEPLOYED);

    agent().sync(TWO_RELEASES);
    assertThat(controllers.finishedJobs()).hasSize(3);
  }

  @Test
  void aSyncInterruptedBetweenReleasesConvergesOnTheNextRunWithoutRepeatingHooks() {
    // The agent dies while applying release b: a is recorded, b has not started its hooks yet.
    server
        .dispatcher()
        .inject("GET", "/apis/batch/v1/namespaces/demo/jobs/b-setup", new Fault(Fault.UNANSWERED));
    assertThatThrownBy(() -> agent().sync(TWO_RELEASES))
        .hasMessageContaining("Job/demo/b-setup: pre-install hook failed");
    assertThat(controllers.finishedJobs()).containsExactly("a-setup");

    agent().sync(TWO_RELEASES);

    assertThat(controllers.finishedJobs()).containsExactly("a-setup", "b-setup");
    assertThat(configMaps()).containsExactly("a-config", "b-config");
  }
}
