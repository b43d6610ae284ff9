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
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.FakeControllers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stories of Helm hooks against the mock API server, with {@link FakeControllers} running Jobs. */
class ReleaseHooksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private ApplyMockServer server;
  private FakeControllers controllers;
  private ConfigMapInventoryStore inventory;
  private ServerSideSync sync;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    controllers = FakeControllers.start(server.client(), "demo");
    inventory = new ConfigMapInventoryStore(server.client(), "demo", "demo");
    sync = newAgent();
  }

  @AfterEach
  void stop() {
    controllers.close();
    server.close();
  }

  /**
   * A fresh agent on the same cluster, as after a restart: it knows only what the cluster keeps.
   */
  private ServerSideSync newAgent() {
    return OnceSyncs.of(
        server.client(),
        new ServerSideApplier(server.client()),
        ApplyOptions.defaults(),
        PruneOptions.defaults().withAllowMassPrune(true));
  }

  static Manifest configMap(String name, String value, String release, String revision) {
    Map<String, Object> body =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "ConfigMap",
            "metadata",
            Map.of("name", name),
            "data",
            Map.of("value", value));
    return Ownership.label(
        new Manifest(new ObjectRef("v1", "ConfigMap", "", name), body, name),
        "demo",
        release,
        "demo",
        revision);
  }

  static Hook job(String name, String events, int weight, String... policies) {
    Map<String, Object> body =
        Map.of(
            "apiVersion",
            "batch/v1",
            "kind",
            "Job",
            "metadata",
            Map.of("name", name, "annotations", Map.of("helm.sh/hook", events)),
            "spec",
            Map.of(
                "template",
                Map.of(
                    "spec",
                    Map.of(
                        "restartPolicy",
                        "Never",
                        "containers",
                        List.of(Map.of("name", "run", "image", "busybox"))))));
    Manifest labelled =
        Ownership.label(
            new Manifest(new ObjectRef("batch/v1", "Job", "", name), body, name),
            "demo",
            "app",
            "demo",
            "r1");
    return new Hook(
        labelled,
        List.of(events.split(",")),
        weight,
        policies.length == 0 ? List.of("before-hook-creation") : List.of(policies));
  }

  private static DesiredState app(String revision, String value, List<Hook> hooks) {
    return new DesiredState(
        "demo", revision, List.of(release("app", revision, value, hooks, List.of())));
  }

  private static DesiredRelease release(
      String name, String revision, String value, List<Hook> hooks, List<String> needs) {
    return new DesiredRelease(
        name,
        "demo",
        List.of(configMap(name + "-config", value, name, revision)),
        needs,
        new WaitPolicy(true, TIMEOUT),
        hooks);
  }

  /** Writes by helmsync: without the inventory and the fake controllers' status updates. */
  private List<String> writes() {
    return server.dispatcher().writes().stream()
        .map(Object::toString)
        .filter(w -> !w.contains("helmsync-inventory") && !w.contains("/status"))
        .toList();
  }

  private boolean exists(String job) {
    return server.client().batch().v1().jobs().inNamespace("demo").withName(job).get() != null;
  }

  @Test
  void installHooksRunOnceAroundTheObjectsAndNotAgainOnTheNextSync() {
    List<Hook> hooks = List.of(job("notify", "post-install", 0), job("migrate", "pre-install", 0));

    sync.sync(app("r1", "v1", hooks));

    assertThat(controllers.finishedJobs()).containsExactly("migrate", "notify");
    List<String> order = writes().stream().map(w -> w.replaceAll("\\?.*", "")).toList();
    assertThat(order.indexOf("PATCH /apis/batch/v1/namespaces/demo/jobs/migrate"))
        .isLessThan(order.indexOf("PATCH /api/v1/namespaces/demo/configmaps/app-config"));
    assertThat(order.indexOf("PATCH /api/v1/namespaces/demo/configmaps/app-config"))
        .isLessThan(order.indexOf("PATCH /apis/batch/v1/namespaces/demo/jobs/notify"));
    assertThat(inventory.load().history("app"))
        .extracting(ReleaseHistory::number, ReleaseHistory::status, ReleaseHistory::revision)
        .containsExactly(1, "deployed", "r1");
    assertThat(inventory.load().objects()).extracting(ObjectRef::kind).containsOnly("ConfigMap");

    server.dispatcher().clearRequests();
    sync.sync(app("r2", "v1", hooks));

    assertThat(controllers.finishedJobs()).containsExactly("migrate", "notify");
    assertThat(server.dispatcher().writes()).allMatch(w -> w.path().contains("/status"));
  }

  @Test
  void upgradeHooksRunWhenTheReleaseContentChangesAndOnlyThen() {
    List<Hook> hooks =
        List.of(
            job("create-db", "pre-install", 0),
            job("migrate", "pre-upgrade", 0),
            job("smoke", "post-upgrade", 0));
    sync.sync(app("r1", "v1", hooks));
    assertThat(controllers.finishedJobs()).containsExactly("create-db");

    sync.sync(app("r2", "v2", hooks));
    assertThat(controllers.finishedJobs()).containsExactly("create-db", "migrate", "smoke");
    assertThat(inventory.load().history("app"))
        .extracting(ReleaseHistory::number, ReleaseHistory::revision)
        .containsExactly(2, "r2");

    newAgent().sync(app("r3", "v2", hooks));
    assertThat(controllers.finishedJobs()).containsExactly("create-db", "migrate", "smoke");
  }

  @Test
  void hooksRunInOrderOfWeightThenKindAndNameAndTestHooksNever() {
    List<Hook> hooks =
        List.of(
            job("late", "pre-install", 5),
            job("b-mid", "pre-install", 0),
            job("first", "pre-install", -1),
            job("a-mid", "pre-install", 0),
            job("check", "test", -10));

    sync.sync(app("r1", "v1", hooks));

    assertThat(controllers.finishedJobs()).containsExactly("first", "a-mid", "b-mid", "late");
    assertThat(exists("check")).isFalse();
  }

  @Test
  void deletePoliciesDecideWhichHookObjectsStay() {
    List<Hook> hooks =
        List.of(
            job("kept", "pre-install,pre-upgrade", 0),
            job("cleaned", "pre-install,pre-upgrade", 1, "hook-succeeded"));
    sync.sync(app("r1", "v1", hooks));
    assertThat(exists("kept")).isTrue();
    assertThat(exists("cleaned")).isFalse();

    server.dispatcher().clearRequests();
    sync.sync(app("r2", "v2", hooks));

    // before-hook-creation: the Job of the last run is deleted, then created anew.
    List<String> kept =
        writes().stream()
            .filter(w -> w.contains("/jobs/kept"))
            .map(w -> w.substring(0, w.indexOf(' ')))
            .toList();
    assertThat(kept).containsExactly("DELETE", "PATCH");
    assertThat(controllers.finishedJobs()).containsExactly("kept", "cleaned", "kept", "cleaned");
  }

  @Test
  void aFailedHookFailsTheReleaseHoldsBackDependentsAndRunsAgainOnTheNextSync() {
    controllers.failJob("migrate");
    List<Hook> hooks = List.of(job("migrate", "pre-install", 0, "hook-failed"));
    DesiredState desired =
        new DesiredState(
            "demo",
            "r1",
            List.of(
                release("db", "r1", "v1", hooks, List.of()),
                release("api", "r1", "v1", List.of(), List.of("db"))));

    assertThatThrownBy(() -> sync.sync(desired))
        .hasMessageContaining(
            "hook Job/demo/migrate (pre-install) failed: Job/demo/migrate: " + "Job failed")
        .hasMessageContaining("release api was not applied because it needs db")
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e ->
                assertThat(e.reason())
                    .as("a failed hook is no wait for health")
                    .isEqualTo(Reason.TRANSIENT));
    assertThat(exists("migrate")).isFalse();
    assertThat(server.client().configMaps().inNamespace("demo").withName("db-config").get())
        .isNull();
    assertThat(inventory.load().history("db"))
        .extracting(ReleaseHistory::status, ReleaseHistory::checksum)
        .containsExactly("failed", "");

    controllers.clearFailures();
    newAgent().sync(desired);
    assertThat(controllers.finishedJobs()).containsExactly("migrate", "migrate");
    assertThat(inventory.load().history("db"))
        .extracting(ReleaseHistory::number, ReleaseHistory::status)
        .containsExactly(2, "deployed");
  }

  @Test
  void postDeleteHooksRunWhenTheReleaseIsRemoved() {
    List<Hook> hooks = List.of(job("goodbye", "post-delete", 0));
    DesiredRelease other = release("other", "r1", "v1", List.of(), List.of());
    sync.sync(
        new DesiredState(
            "demo", "r1", List.of(release("app", "r1", "v1", hooks, List.of()), other)));
    assertThat(controllers.finishedJobs()).isEmpty();

    sync.sync(new DesiredState("demo", "r2", List.of(other)));

    assertThat(controllers.finishedJobs()).containsExactly("goodbye");
    assertThat(server.client().configMaps().inNamespace("demo").withName("app-config").get())
        .isNull();
    assertThat(new ArrayList<>(inventory.load().releases().keySet())).containsExactly("other");
  }

  @Test
  void aReleaseListedByAnOlderHelmsyncIsAdoptedWithoutRunningHooks() {
    List<Hook> hooks =
        List.of(job("create-db", "pre-install", 0), job("migrate", "pre-upgrade", 0));
    sync.sync(app("r1", "v1", hooks));
    // As written by a helmsync that did not track installs: objects only.
    server
        .client()
        .configMaps()
        .inNamespace("demo")
        .withName("helmsync-inventory-demo")
        .edit(
            cm -> {
              cm.getData().put("app", "revision: r1\nobjects:\n- demo_app-config__ConfigMap v1\n");
              return cm;
            });

    newAgent().sync(app("r2", "v1", hooks));

    assertThat(controllers.finishedJobs()).containsExactly("create-db");
    assertThat(inventory.load().history("app"))
        .extracting(ReleaseHistory::number, ReleaseHistory::status)
        .containsExactly(1, "deployed");
    newAgent().sync(app("r3", "v2", hooks));
    assertThat(controllers.finishedJobs()).containsExactly("create-db", "migrate");
  }
}
