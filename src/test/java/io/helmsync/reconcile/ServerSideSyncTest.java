package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.Inventory;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.observe.EventSink.Type;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.RecordingEvents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerSideSyncTest {
  private ApplyMockServer server;
  private ConfigMapInventoryStore inventory;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    inventory = new ConfigMapInventoryStore(server.client(), "demo", "demo");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ServerSideSync sync(Applier applier) {
    return sync(applier, PruneOptions.defaults());
  }

  private ServerSideSync sync(Applier applier, PruneOptions prune) {
    // The health wait polls every 10 ms, so a timeout of 200 ms is a few polls.
    return OnceSyncs.of(
        server.client(),
        applier,
        ApplyOptions.defaults().withEstablishTimeout(java.time.Duration.ofMillis(200)),
        prune);
  }

  private static DesiredState state(String revision, String... configMaps) {
    List<Manifest> objects =
        java.util.Arrays.stream(configMaps)
            .map(
                name -> {
                  Map<String, Object> body =
                      Map.of(
                          "apiVersion",
                          "v1",
                          "kind",
                          "ConfigMap",
                          "metadata",
                          Map.of("name", name));
                  return Ownership.label(
                      new Manifest(new ObjectRef("v1", "ConfigMap", "", name), body, name),
                      "demo",
                      "app",
                      "demo",
                      revision);
                })
            .toList();
    return new DesiredState("demo", revision, List.of(new DesiredRelease("app", "demo", objects)));
  }

  private List<String> configMaps() {
    return server.client().configMaps().inNamespace("demo").list().getItems().stream()
        .map(cm -> cm.getMetadata().getName())
        .filter(name -> !name.startsWith("helmsync-inventory"))
        .sorted()
        .toList();
  }

  @Test
  void prunesWhatTheNewRevisionNoLongerDeclares() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    sync.sync(state("r1", "a", "b"));
    sync.sync(state("r2", "a"));
    assertThat(configMaps()).containsExactly("a");
    assertThat(inventory.load().objects()).extracting(ObjectRef::name).containsExactly("a");
  }

  @Test
  void aFailedApplyPrunesNothingAndKeepsTheInventory() {
    sync(new ServerSideApplier(server.client())).sync(state("r1", "a", "b"));
    Inventory before = inventory.load();
    Applier failsHalfway =
        (desired, options) -> {
          throw ReconcileException.transientError(
              "ConfigMap/demo/a: apply failed: connection reset", null);
        };

    assertThatThrownBy(() -> sync(failsHalfway).sync(state("r2", "a")))
        .isInstanceOf(ReconcileException.class);

    assertThat(configMaps()).containsExactly("a", "b");
    assertThat(inventory.load()).isEqualTo(before);
  }

  @Test
  void anObjectThatCouldNotBePrunedStaysInTheInventoryAndFailsTheReconcile() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    sync.sync(state("r1", "a", "b"));
    server.dispatcher().refuse("DELETE", "/api/v1/namespaces/demo/configmaps/b", 403);

    assertThatThrownBy(() -> sync.sync(state("r2", "a")))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("could not prune 1 objects")
        .hasMessageContaining(
            "ConfigMap/demo/b skipped (delete failed (HTTP 403): refused by the test)");
    assertThat(configMaps()).containsExactly("a", "b");
    assertThat(inventory.load().objects()).extracting(ObjectRef::name).containsExactly("a", "b");
  }

  @Test
  void aPruneOfMoreThanHalfTheManagedObjectsIsRefusedAndNothingIsLost() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    sync.sync(state("r1", "a", "b", "c"));

    assertThatThrownBy(() -> sync.sync(state("r2", "a")))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("refused to prune 2 of the 3 managed objects: more than half")
        .hasMessageContaining("HELMSYNC_ALLOW_MASS_PRUNE=true");
    assertThat(configMaps()).containsExactly("a", "b", "c");
    assertThat(inventory.load().objects())
        .extracting(ObjectRef::name)
        .containsExactly("a", "b", "c");
  }

  @Test
  void aPruneOfEverythingIsRefused() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    sync.sync(state("r1", "a"));
    assertThatThrownBy(() -> sync.sync(new DesiredState("demo", "r2", List.of())))
        .hasMessageContaining("refused to prune 1 of the 1 managed objects: all of them");
    assertThat(configMaps()).containsExactly("a");
  }

  @Test
  void aMassPruneGoesAheadWhenAllowed() {
    sync(new ServerSideApplier(server.client())).sync(state("r1", "a", "b", "c"));
    sync(new ServerSideApplier(server.client()), PruneOptions.defaults().withAllowMassPrune(true))
        .sync(state("r2", "a"));
    assertThat(configMaps()).containsExactly("a");
  }

  private static Manifest deployment(String name, String revision) {
    Map<String, Object> body =
        Map.of(
            "apiVersion",
            "apps/v1",
            "kind",
            "Deployment",
            "metadata",
            Map.of("name", name, "namespace", "demo"),
            "spec",
            Map.of("replicas", 1, "selector", Map.of("matchLabels", Map.of("app", name))));
    return Ownership.label(
        new Manifest(new ObjectRef("apps/v1", "Deployment", "demo", name), body, name),
        "demo",
        name,
        "demo",
        revision);
  }

  private static DesiredRelease release(
      String name, List<Manifest> objects, List<String> needs, boolean wait) {
    return new DesiredRelease(
        name,
        "demo",
        objects,
        needs,
        new io.helmsync.model.WaitPolicy(wait, java.time.Duration.ofMillis(200)));
  }

  @Test
  void aReleaseThatNeverBecomesHealthyHoldsBackWhatNeedsItAndPrunesNothing() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    sync.sync(state("r1", "old"));
    // The mock server runs no controller, so the Deployment's rollout never completes.
    DesiredState desired =
        new DesiredState(
            "demo",
            "r2",
            List.of(
                release("db", List.of(deployment("db", "r2")), List.of(), true),
                release(
                    "api",
                    List.of(state("r2", "api-config").objects().get(0)),
                    List.of("db"),
                    false)));

    assertThatThrownBy(() -> sync.sync(desired))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("release db is not healthy: Deployment/demo/db: ")
        .hasMessageContaining("(timed out after 200ms)")
        .hasMessageContaining("release api was not applied because it needs db")
        .hasMessageContaining("Nothing was pruned");
    assertThat(configMaps()).containsExactly("old");
    assertThat(server.client().apps().deployments().inNamespace("demo").withName("db").get())
        .isNotNull();
    assertThat(inventory.load().objects()).extracting(ObjectRef::name).contains("old", "db");
  }

  @Test
  void releasesThatDoNotWaitAreAppliedInOrderAndDoneWhenApplied() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    DesiredState desired =
        new DesiredState(
            "demo",
            "r1",
            List.of(
                release("db", List.of(deployment("db", "r1")), List.of(), false),
                release(
                    "api",
                    List.of(state("r1", "api-config").objects().get(0)),
                    List.of("db"),
                    false)));
    sync.sync(desired);
    assertThat(configMaps()).containsExactly("api-config");
  }

  @Test
  void aReleaseThatWaitsOnObjectsWithoutStatusIsHealthyAtOnce() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    DesiredState desired =
        new DesiredState(
            "demo",
            "r1",
            List.of(
                release(
                    "config", List.of(state("r1", "settings").objects().get(0)), List.of(), true),
                release(
                    "api",
                    List.of(state("r1", "api-config").objects().get(0)),
                    List.of("config"),
                    true)));
    sync.sync(desired);
    assertThat(configMaps()).containsExactly("api-config", "settings");
  }

  private static Manifest crd(String revision) {
    Map<String, Object> body =
        Map.of(
            "apiVersion",
            "apiextensions.k8s.io/v1",
            "kind",
            "CustomResourceDefinition",
            "metadata",
            Map.of("name", "vaults.vault.banzaicloud.com"),
            "spec",
            Map.of(
                "group",
                "vault.banzaicloud.com",
                "scope",
                "Namespaced",
                "names",
                Map.of("kind", "Vault", "plural", "vaults")));
    return Ownership.label(
        new Manifest(
            new ObjectRef(
                "apiextensions.k8s.io/v1",
                "CustomResourceDefinition",
                "",
                "vaults.vault.banzaicloud.com"),
            body,
            "crd"),
        "demo",
        "vault-operator",
        "demo",
        revision);
  }

  @Test
  void customResourceDefinitionsGoFirstAndMustBeEstablished() {
    ServerSideSync sync = sync(new ServerSideApplier(server.client()));
    // The CRD belongs to the second release; the mock server never marks it Established.
    DesiredState desired =
        new DesiredState(
            "demo",
            "r1",
            List.of(
                release(
                    "config", List.of(state("r1", "settings").objects().get(0)), List.of(), false),
                release("vault-operator", List.of(crd("r1")), List.of(), false)));

    assertThatThrownBy(() -> sync.sync(desired))
        .hasMessageContaining(
            "the CustomResourceDefinitions are not ready: "
                + "CustomResourceDefinition/vaults.vault.banzaicloud.com")
        .hasMessageContaining("no release was applied")
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e ->
                assertThat(e.reason())
                    .as("establishing ran out of time: wait, not back off")
                    .isEqualTo(Reason.WAITING));
    assertThat(server.dispatcher().writes())
        .extracting(r -> r.method() + " " + r.path())
        .anyMatch(w -> w.contains("customresourcedefinitions"))
        .noneMatch(w -> w.contains("configmaps/settings"));
    assertThat(configMaps()).isEmpty();
  }

  @Test
  void announcesEachRevisionItStartsToApplyOnceAndAFailedOneAgain() {
    RecordingEvents events = new RecordingEvents();
    boolean[] failing = {false};
    ServerSideSync sync =
        OnceSyncs.of(
            server.client(),
            (desired, options) -> {
              if (failing[0]) {
                throw ReconcileException.transientError("ConfigMap/demo/a: apply failed", null);
              }
              return ChangeSet.empty();
            },
            ApplyOptions.defaults(),
            PruneOptions.defaults(),
            new SyncEvents(events));

    sync.sync(state("0123456789abcdef", "a"));
    sync.sync(state("0123456789abcdef", "a"));
    failing[0] = true;
    assertThatThrownBy(() -> sync.sync(state("fedcba9876543210", "a")));
    failing[0] = false;
    sync.sync(state("fedcba9876543210", "a"));
    sync.sync(state("fedcba9876543210", "a"));

    assertThat(events.events())
        .allMatch(event -> event.type() == Type.NORMAL)
        .extracting(event -> event.reason() + ": " + event.message())
        .containsExactly(
            "SyncStarted: applying revision 0123456789ab (1 releases)",
            "SyncStarted: applying revision fedcba987654 (1 releases)",
            "SyncStarted: applying revision fedcba987654 (1 releases)");
  }
}
