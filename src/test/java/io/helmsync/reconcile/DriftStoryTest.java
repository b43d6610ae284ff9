package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.LiveComparison;
import io.helmsync.apply.PruneOptions;
import io.helmsync.chart.RemoteCharts;
import io.helmsync.config.AgentSettings;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Trigger;
import io.helmsync.observe.AgentHealth;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.DirectorySource;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ApplyPatchDispatcher;
import io.helmsync.testing.RecordingEvents;
import io.helmsync.testing.RepoFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift, suspend and dry-run on the example environment against the mock API server, with the
 * agent's own cluster side ({@link ClusterSide#agent}: informers, drift watch, server-side apply).
 * The reconcile loop is stood in for by one thread that runs the requested reconciles one at a
 * time. Prints the figures the issue asks for on lines starting with {@code FIGURE:}.
 */
class DriftStoryTest {
  private static final String ENV = "orchestrate-demo";

  @TempDir Path repo;
  private ApplyMockServer server;
  private SimpleMeterRegistry registry;
  private RecordingEvents events;
  private ExecutorService loop;
  private ClusterSide side;
  private ServerSideSync sync;
  private Reconciler reconciler;
  private AgentSettings settings;
  private volatile ReconcileResult lastHeal;

  @BeforeEach
  void start() {
    RepoFiles.copyExample(repo);
    server = ApplyMockServer.start();
    registry = new SimpleMeterRegistry();
    events = new RecordingEvents();
    loop = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (sync != null) {
      sync.close();
    }
    // Let a heal in progress finish rather than interrupt it into an error log.
    loop.shutdown();
    loop.awaitTermination(10, TimeUnit.SECONDS);
    server.close();
  }

  private void agent(ClusterSide.WatchOptions options, boolean dryRun) {
    settings =
        new AgentSettings(
            ENV,
            ENV,
            Optional.of(repo),
            Optional.empty(),
            "main",
            ".",
            "helmfile.yaml",
            Duration.ofSeconds(15),
            true,
            dryRun,
            repo.resolve("work"));
    side = new ClusterSide(server.client(), PruneOptions.defaults());
    sync =
        side.agent(
            settings,
            options,
            new ReconcileMetrics(registry),
            events,
            new SyncEvents(EventSink.NONE),
            trigger -> loop.execute(() -> lastHeal = reconcile(trigger)));
    reconciler =
        new Reconciler(
            new DirectorySource(repo),
            new HelmfileLoader(
                StateOptions.of("helmfile.yaml", ENV, Map.of())
                    .withSecrets(SecretResolver.placeholders())),
            new ReleasePlanner(ENV),
            new HelmChartRenderer(ChartContext.offline()),
            Optional.of(sync),
            ENV);
  }

  private void agent() {
    agent(new ClusterSide.WatchOptions(DriftPolicy.none(), true, false), false);
  }

  private synchronized ReconcileResult reconcile(Trigger trigger) {
    return reconciler.reconcile(trigger, null);
  }

  private ReconcileResult poll() {
    ReconcileResult result = reconcile(Trigger.of(Trigger.Cause.POLL));
    assertThat(result.error()).as("reconcile error").isNull();
    return result;
  }

  /** Waits until the informers hold every object as Git declares it. */
  private void awaitCacheCaughtUp(DesiredState desired) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                desired.objects().stream()
                    .allMatch(
                        object ->
                            sync.cache()
                                .get(object.ref())
                                .map(
                                    live ->
                                        LiveComparison.differences(object.body(), live, List.of())
                                            .isEmpty())
                                .orElse(false)));
  }

  private DesiredState syncedExample() {
    ReconcileResult first = poll();
    assertThat(first.outcome()).isEqualTo(Outcome.SYNCED);
    awaitCacheCaughtUp(first.desired());
    return first.desired();
  }

  private static Manifest first(DesiredState desired, String kind) {
    return desired.objects().stream()
        .filter(m -> m.ref().kind().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  private static String firstDataKey(Manifest configMap) {
    return ((Map<?, ?>) configMap.body().get("data")).keySet().iterator().next().toString();
  }

  private GenericKubernetesResource live(ObjectRef ref) {
    return server
        .client()
        .genericKubernetesResources(ref.apiVersion(), ref.kind())
        .inNamespace(ref.namespace())
        .withName(ref.name())
        .get();
  }

  private Object liveData(ObjectRef ref, String key) {
    return ((Map<?, ?>) live(ref).getAdditionalProperties().get("data")).get(key);
  }

  /**
   * A change by another field manager, as {@code kubectl apply --server-side --force-conflicts}.
   */
  private void editAs(String manager, ObjectRef configMap, String key, String value) {
    server
        .client()
        .configMaps()
        .inNamespace(configMap.namespace())
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(configMap.name())
                .withNamespace(configMap.namespace())
                .endMetadata()
                .addToData(key, value)
                .build())
        .fieldManager(manager)
        .forceConflicts()
        .serverSideApply();
  }

  private double corrections() {
    return registry.find("helmsync.drift.corrections").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double drifted() {
    return registry.find("helmsync.drifted.objects").gauges().stream()
        .mapToDouble(g -> g.value())
        .sum();
  }

  @Test
  void aNoOpReconcileReadsNoManagedObjectAndWritesNothing() {
    agent();
    syncedExample();
    server.dispatcher().clearRequests();

    ReconcileResult again = poll();

    assertThat(again.changes().writes()).isEmpty();
    assertThat(server.dispatcher().writes()).isEmpty();
    String inventory =
        "/api/v1/namespaces/" + ENV + "/configmaps/" + ConfigMapInventoryStore.name(ENV);
    assertThat(server.dispatcher().reads()).extracting(r -> r.path()).containsExactly(inventory);
    System.out.println(
        "FIGURE: no-op reconcile of "
            + ENV
            + " ("
            + again.desired().objects().size()
            + " objects): requests by verb "
            + server.dispatcher().countByVerb()
            + " (the one get is the inventory ConfigMap; managed objects come from the informers)");
  }

  /**
   * The whole idle poll of the agent's loop, release health included: the informers hold every
   * managed object, so the inventory is the only read.
   */
  @Test
  void anIdlePollOfTheAgentLoopReadsNoManagedObject() {
    agent();
    ReconcileLoop agentLoop =
        new ReconcileLoop(null, new ReconcileMetrics(registry), new AgentHealth(), Runnable::run);
    agentLoop.use(reconciler, settings, new SyncEvents(EventSink.NONE), sync.releaseHealth());
    ReconcileResult first = agentLoop.reconcileNow(Trigger.of(Trigger.Cause.POLL));
    assertThat(first.outcome()).isEqualTo(Outcome.SYNCED);
    awaitCacheCaughtUp(first.desired());
    server.dispatcher().clearRequests();

    agentLoop.tick();

    assertThat(agentLoop.last().orElseThrow().trigger()).isNotSameAs(first.trigger());
    assertThat(agentLoop.releaseHealth())
        .containsOnlyKeys(
            first.desired().releases().stream().map(DesiredState.DesiredRelease::name).toList());
    String inventory =
        "/api/v1/namespaces/" + ENV + "/configmaps/" + ConfigMapInventoryStore.name(ENV);
    assertThat(server.dispatcher().requests()).extracting(r -> r.path()).containsExactly(inventory);
    System.out.println(
        "FIGURE: idle poll of the agent loop (reconcile and release health) of "
            + ENV
            + " ("
            + first.desired().objects().size()
            + " objects): requests by verb "
            + server.dispatcher().countByVerb());
  }

  /**
   * As the agent runs with a cluster: charts see the discovered {@code .Capabilities} and a live
   * {@code lookup}. Discovery happens on the first reconcile and is kept, so a no-op reconcile
   * still reads only the inventory.
   */
  @Test
  void withTheLiveClusterViewANoOpReconcileStillReadsOnlyTheInventory() {
    agent();
    reconciler =
        new Reconciler(
            new DirectorySource(repo),
            new HelmfileLoader(
                StateOptions.of("helmfile.yaml", ENV, Map.of())
                    .withSecrets(SecretResolver.placeholders())),
            new ReleasePlanner(ENV),
            new HelmChartRenderer(side.view(), new RemoteCharts(RemoteCharts.Options.defaults())),
            Optional.of(sync),
            ENV);
    server.dispatcher().clearRequests();
    DesiredState desired = syncedExample();
    long firstDiscovery =
        server.dispatcher().requests().stream()
            .filter(ApplyPatchDispatcher.Request::isDiscovery)
            .count();
    server.dispatcher().clearRequests();

    ReconcileResult again = poll();

    assertThat(firstDiscovery).isGreaterThan(3);
    assertThat(again.changes().writes()).isEmpty();
    String inventory =
        "/api/v1/namespaces/" + ENV + "/configmaps/" + ConfigMapInventoryStore.name(ENV);
    assertThat(server.dispatcher().reads()).extracting(r -> r.path()).containsExactly(inventory);
    assertThat(server.dispatcher().countByVerb()).containsExactly(Map.entry("get", 1L));
    System.out.println(
        "FIGURE: with live .Capabilities and lookup, "
            + ENV
            + " ("
            + desired.objects().size()
            + " objects): first reconcile "
            + firstDiscovery
            + " discovery requests, no-op reconcile after it "
            + server.dispatcher().countByVerb());
  }

  @Test
  void informersWatchOnlyTheManagedKindsAndFollowTheirChanges() {
    agent();
    DesiredState desired = syncedExample();
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    desired.objects().forEach(m -> kinds.add(m.ref().apiVersion() + "/" + m.ref().kind()));
    assertThat(sync.cache().watchedKinds()).containsExactlyElementsOf(kinds);

    ObjectRef configMap = first(desired, "ConfigMap").ref();
    sync.cache().watchKindsOf(List.of(configMap));

    assertThat(sync.cache().watchedKinds()).containsExactly("v1/ConfigMap");
    server.dispatcher().clearRequests();
    assertThat(sync.cache().get(first(desired, "Deployment").ref())).isPresent();
    assertThat(server.dispatcher().countByVerb()).containsExactly(Map.entry("get", 1L));
  }

  @Test
  void aOneValueChangeSendsOnlyTheObjectsThatChanged() throws IOException {
    agent();
    syncedExample();
    Path redis = repo.resolve("values/redis.yaml.gotmpl");
    Files.writeString(redis, Files.readString(redis).replace("port: 6379", "port: 6380"));
    server.dispatcher().clearRequests();

    ReconcileResult changed = poll();

    assertThat(changed.changes().writes())
        .extracting(e -> e.ref().toString())
        .containsExactly("Service/orchestrate-demo/redis", "StatefulSet/orchestrate-demo/redis");
    assertThat(server.dispatcher().reads()).allMatch(r -> r.path().contains("helmsync-inventory"));
    System.out.println(
        "FIGURE: one-value change (redis port 6379 -> 6380) on "
            + ENV
            + ": requests by verb "
            + server.dispatcher().countByVerb()
            + ", i.e. "
            + server.dispatcher().requests());
  }

  @Test
  void anEditByAnotherManagerIsHealedWithinSecondsCountedAndReported() {
    agent();
    DesiredState desired = syncedExample();
    Manifest configMap = first(desired, "ConfigMap");
    String key = firstDataKey(configMap);
    Object wanted = ((Map<?, ?>) configMap.body().get("data")).get(key);

    long edited = System.nanoTime();
    editAs("kubectl-edit", configMap.ref(), key, "edited-by-hand");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> wanted.equals(liveData(configMap.ref(), key)));
    long millis = (System.nanoTime() - edited) / 1_000_000;

    await().atMost(Duration.ofSeconds(5)).until(() -> corrections() == 1.0);
    assertThat(lastHeal.trigger().cause()).isEqualTo(Trigger.Cause.DRIFT);
    assertThat(lastHeal.changes().writes())
        .extracting(ChangeSet.Entry::ref)
        .containsExactly(configMap.ref());
    assertThat(drifted()).isZero();
    assertThat(events.events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.object()).isEqualTo(configMap.ref());
              assertThat(event.reason()).isEqualTo("DriftCorrected");
              assertThat(event.type()).isEqualTo(EventSink.Type.NORMAL);
              assertThat(event.message())
                  .contains("data." + key)
                  .contains("kubectl-edit")
                  .doesNotContain("edited-by-hand");
            });
    System.out.println(
        "FIGURE: manual edit of "
            + configMap.ref()
            + " (field manager kubectl-edit) "
            + "corrected on the mock "
            + millis
            + " ms after the edit (informer event, server-side "
            + "dry-run, drift reconcile of the example)");
  }

  @Test
  void aDeletedObjectIsRecreated() {
    agent();
    Manifest configMap = first(syncedExample(), "ConfigMap");

    server.client().configMaps().inNamespace(ENV).withName(configMap.ref().name()).delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> corrections() == 1.0);
    assertThat(live(configMap.ref())).isNotNull();
    assertThat(lastHeal.changes().writes())
        .extracting(ChangeSet.Entry::action)
        .containsExactly(Action.CREATED);
    assertThat(events.events())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.message())
                    .startsWith(DriftWatch.DELETED + "; restored from Git revision"));
  }

  @Test
  void aSecretsDriftEventNamesTheFieldNotTheValue() {
    agent();
    Manifest secret =
        syncedExample().objects().stream()
            .filter(m -> m.ref().name().equals("api-chain-registry-secrets"))
            .findFirst()
            .orElseThrow();
    String applied = (String) ((Map<?, ?>) secret.body().get("data")).get("AUTH_API_KEY");
    String leaked = java.util.Base64.getEncoder().encodeToString("hunter2-by-hand".getBytes());
    server
        .client()
        .secrets()
        .inNamespace(ENV)
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(secret.ref().name())
                .withNamespace(ENV)
                .endMetadata()
                .addToData("AUTH_API_KEY", leaked)
                .build())
        .fieldManager("kubectl-edit")
        .forceConflicts()
        .serverSideApply();

    await().atMost(Duration.ofSeconds(10)).until(() -> corrections() == 1.0);

    assertThat(applied).as("the key the example's Secret holds").isNotBlank();
    assertThat(events.events())
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.message())
                    .contains("data.AUTH_API_KEY")
                    .contains("kubectl-edit")
                    .doesNotContain("hunter2")
                    .doesNotContain(leaked)
                    .doesNotContain(applied)
                    .doesNotContain("placeholder-for"));
  }

  @Test
  void driftOnAnIgnoredPathOrAnAnnotatedObjectIsLeftAlone() {
    agent(
        new ClusterSide.WatchOptions(
            DriftPolicy.parse(List.of("apps/v1/Deployment:spec.replicas")), true, false),
        false);
    DesiredState desired = syncedExample();
    Manifest deployment = first(desired, "Deployment");
    Manifest configMap = first(desired, "ConfigMap");
    String key = firstDataKey(configMap);
    server
        .client()
        .apps()
        .deployments()
        .inNamespace(ENV)
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata()
                .withName(deployment.ref().name())
                .withNamespace(ENV)
                .endMetadata()
                .withNewSpec()
                .withReplicas(7)
                .endSpec()
                .build())
        .fieldManager("horizontal-pod-autoscaler")
        .forceConflicts()
        .serverSideApply();
    server
        .client()
        .configMaps()
        .inNamespace(ENV)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(configMap.ref().name())
                .withNamespace(ENV)
                .addToAnnotations(Ownership.DRIFT, Ownership.IGNORE)
                .endMetadata()
                .addToData(key, "kept-by-hand")
                .build())
        .fieldManager("kubectl")
        .forceConflicts()
        .serverSideApply();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                "kept-by-hand"
                    .equals(
                        sync.cache()
                            .get(configMap.ref())
                            .map(cm -> ((Map<?, ?>) cm.get("data")).get(key))
                            .orElse(null)));
    server.dispatcher().clearRequests();

    ReconcileResult polled = poll();

    assertThat(polled.changes().writes()).isEmpty();
    assertThat(server.dispatcher().writes()).isEmpty();
    assertThat(live(deployment.ref()).getAdditionalProperties().get("spec"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("replicas", 7);
    assertThat(liveData(configMap.ref(), key)).isEqualTo("kept-by-hand");
    assertThat(corrections()).isZero();
    assertThat(drifted()).isZero();
    assertThat(events.events()).isEmpty();
  }

  @Test
  void aDriftThatKeepsComingBackIsCorrectedWithBackoffNotInAHotLoop() {
    agent();
    DesiredState desired = syncedExample();
    Manifest configMap = first(desired, "ConfigMap");
    String key = firstDataKey(configMap);
    Object wanted = ((Map<?, ?>) configMap.body().get("data")).get(key);

    // Another controller puts its value back whenever helmsync corrected it, for 10 s and until
    // the edit that follows the next correction, which is then held back.
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int edits = 0;
    while (true) {
      if (wanted.equals(liveData(configMap.ref(), key))) {
        editAs("other-controller", configMap.ref(), key, "theirs-" + edits++);
        if (System.nanoTime() > until) {
          break;
        }
      }
      sleep(20);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> drifted() == 1.0);

    // Each heal takes about half a second here (a reconcile of the example); with backoff 1 s
    // doubling the corrections come at about 0.5, 2, 4.5 and 9 s, without it twice a second.
    assertThat(corrections()).isBetween(3.0, 5.0);
    assertThat(events.events())
        .filteredOn(e -> e.type() == EventSink.Type.WARNING)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.message()).contains("times in a row"));
    ReconcileResult polled = poll();
    assertThat(polled.changes().entries())
        .filteredOn(e -> e.ref().equals(configMap.ref()))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.action()).isEqualTo(Action.SKIPPED);
              assertThat(entry.message()).contains("drift keeps coming back");
            });
    System.out.println(
        "FIGURE: recurring drift over 10 s and more: "
            + edits
            + " edits by another controller, "
            + (long) corrections()
            + " corrections (backoff 1 s doubling to 5 min)");
  }

  @Test
  void suspendedByTheInventoryAnnotationWritesNothingButReportsDrift() throws IOException {
    agent();
    DesiredState desired = syncedExample();
    String inventory = ConfigMapInventoryStore.name(ENV);
    server
        .client()
        .configMaps()
        .inNamespace(ENV)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(inventory)
                .withNamespace(ENV)
                .addToAnnotations(Ownership.SUSPEND, "true")
                .endMetadata()
                .build())
        .fieldManager("kubectl")
        .serverSideApply();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                sync.cache()
                    .annotationsOf(new ObjectRef("v1", "ConfigMap", ENV, inventory))
                    .containsKey(Ownership.SUSPEND));
    poll();
    Manifest configMap = first(desired, "ConfigMap");
    String key = firstDataKey(configMap);
    Path redis = repo.resolve("values/redis.yaml.gotmpl");
    Files.writeString(redis, Files.readString(redis).replace("port: 6379", "port: 6380"));
    server.dispatcher().clearRequests();

    editAs("kubectl-edit", configMap.ref(), key, "edited-while-suspended");
    await().atMost(Duration.ofSeconds(5)).until(() -> drifted() == 1.0);
    sleep(1500);
    ReconcileResult suspended = poll();

    // The one patch is the test's own edit; the dry-run patch confirmed the drift and stored
    // nothing.
    assertThat(server.dispatcher().countByVerb())
        .doesNotContainKeys("create", "update", "delete")
        .containsEntry("patch", 1L);
    assertThat(liveData(configMap.ref(), key)).isEqualTo("edited-while-suspended");
    assertThat(suspended.changes().writes()).isEmpty();
    assertThat(suspended.changes().entries())
        .filteredOn(e -> e.action() == Action.SKIPPED)
        .extracting(ChangeSet.Entry::toString)
        .containsExactlyInAnyOrder(
            configMap.ref()
                + " skipped (suspended by helmsync.io/suspend on ConfigMap "
                + inventory
                + ": would configure data."
                + key
                + ")",
            "Service/orchestrate-demo/redis skipped (suspended by helmsync.io/suspend on ConfigMap "
                + inventory
                + ": would configure spec.ports[0].port)",
            "StatefulSet/orchestrate-demo/redis skipped (suspended by helmsync.io/suspend on ConfigMap "
                + inventory
                + ": would configure spec.template.spec.containers[0].ports[0].containerPort)");
    assertThat(drifted()).isEqualTo(1.0);
    assertThat(corrections()).isZero();
  }

  @Test
  void dryRunWithAClusterReportsWhatItWouldDoAndWritesNothing() throws IOException {
    agent();
    syncedExample();
    sync.close();
    agent(new ClusterSide.WatchOptions(DriftPolicy.none(), true, false), true);
    Path redis = repo.resolve("values/redis.yaml.gotmpl");
    Files.writeString(redis, Files.readString(redis).replace("port: 6379", "port: 6380"));
    server.dispatcher().clearRequests();

    ReconcileResult dryRun = poll();

    assertThat(server.dispatcher().writes()).isEmpty();
    assertThat(dryRun.changes().entries())
        .filteredOn(e -> e.action() == Action.SKIPPED)
        .extracting(e -> e.ref().toString())
        .containsExactlyInAnyOrder(
            "Service/orchestrate-demo/redis", "StatefulSet/orchestrate-demo/redis");
    assertThat(dryRun.changes().entries())
        .filteredOn(e -> e.action() == Action.SKIPPED)
        .allSatisfy(e -> assertThat(e.message()).startsWith("dry-run: would configure spec."));
    assertThat(live(first(dryRun.desired(), "Service").ref())).isNotNull();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
