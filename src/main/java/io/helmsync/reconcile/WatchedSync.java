package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.LiveComparison;
import io.helmsync.apply.Ownership;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ServerDryRun;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.config.AgentSettings;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.Inventory;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Trigger;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The agent's cluster side: the server-side sync, fed by the informer cache (so a reconcile with
 * nothing to change reads no managed object and writes nothing) and watched for drift. When
 * suspended ({@code HELMSYNC_SUSPEND}, or {@code helmsync.io/suspend: "true"} on the inventory
 * ConfigMap) or in dry-run, it applies and prunes nothing and reports instead what it would do
 * and which objects drifted.
 */
public final class WatchedSync implements ClusterSync, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WatchedSync.class);
  /** How each object's entry begins while applying is suspended, so the status can tell. */
  public static final String SUSPENDED_BY = "suspended by ";

  /** What the agent does about drift and whether it may write. */
  public record Options(DriftPolicy driftPolicy, boolean selfHeal, boolean suspend) {}

  private final ClusterSync delegate;
  private final ManagedObjectCache cache;
  private final DriftWatch drift;
  private final DriftPolicy driftPolicy;
  private final InventoryStore inventories;
  private final boolean suspend;
  private final boolean dryRun;
  private final boolean prune;
  private String lastReport = "";

  WatchedSync(ClusterSync delegate, ManagedObjectCache cache, DriftWatch drift, DriftPolicy driftPolicy,
      InventoryStore inventories, boolean suspend, boolean dryRun, boolean prune) {
    this.delegate = delegate;
    this.cache = cache;
    this.drift = drift;
    this.driftPolicy = driftPolicy;
    this.inventories = inventories;
    this.suspend = suspend;
    this.dryRun = dryRun;
    this.prune = prune;
  }

  /**
   * The agent's sync for {@code settings}: informers, drift watch and server-side apply.
   *
   * @param request asks the reconcile loop for a reconcile ({@code drift} heals)
   */
  public static WatchedSync create(KubernetesClient client, AgentSettings settings,
      PruneOptions pruneOptions, Options options, ReconcileMetrics metrics, EventSink events,
      Consumer<Trigger> request) {
    ServerDryRun serverDryRun = new ServerDryRun(client);
    DriftWatch drift = new DriftWatch(settings.environment(), options.driftPolicy(),
        (desired, live, ignored) -> serverDryRun.wouldChange(desired, live, ApplyOptions.FIELD_MANAGER, ignored),
        metrics, events, request, options.selfHeal(), Backoff.defaults(), Clock.systemUTC());
    ManagedObjectCache cache =
        new ManagedObjectCache(client, settings.namespace(), settings.environment(), drift);
    ServerSideSync sync = ServerSideSync.create(client, settings, pruneOptions,
        new ServerSideApplier(client, cache, options.driftPolicy(), drift));
    return new WatchedSync(sync, cache, drift, options.driftPolicy(),
        new ConfigMapInventoryStore(client, settings.namespace(), settings.environment()),
        options.suspend(), settings.dryRun(), settings.prune());
  }

  @Override
  public ChangeSet sync(DesiredState desired) {
    // Before the first apply too, so that the first reconcile after a start reads the cache.
    cache.watchKindsOf(desired.objects().stream().map(Manifest::ref).toList());
    Optional<String> hold = holdReason();
    drift.expect(desired, hold.isPresent());
    if (hold.isPresent()) {
      return report(desired, hold.get());
    }
    drift.applying();
    ChangeSet changes = ChangeSet.empty();
    try {
      changes = delegate.sync(desired);
      return changes;
    } finally {
      drift.applied(changes);
    }
  }

  /** Why nothing may be written, if so. */
  private Optional<String> holdReason() {
    if (dryRun) {
      return Optional.of("dry-run");
    }
    if (suspend) {
      return Optional.of(SUSPENDED_BY + "HELMSYNC_SUSPEND");
    }
    String name = ConfigMapInventoryStore.name(drift.environment());
    return "true".equals(cache.inventoryAnnotations().get(Ownership.SUSPEND))
        ? Optional.of(SUSPENDED_BY + Ownership.SUSPEND + " on ConfigMap " + name)
        : Optional.empty();
  }

  /**
   * What a sync would do, from the cache, without writing: each object unchanged, or skipped with
   * "would create/configure" and the differing field paths; stale objects "would prune". Drift
   * found on the way is counted (and not corrected).
   */
  private ChangeSet report(DesiredState desired, String why) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      for (Manifest manifest : release.objects()) {
        entries.add(reportOne(manifest, release.name(), why));
      }
    }
    if (prune) {
      Inventory previous = inventories.load();
      for (ObjectRef stale : previous.staleAgainst(Inventory.of(desired))) {
        entries.add(new ChangeSet.Entry(stale, "", Action.SKIPPED, why + ": would prune"));
      }
    }
    ChangeSet report = new ChangeSet(entries);
    logIfChanged(desired.revision(), why, report);
    return report;
  }

  private ChangeSet.Entry reportOne(Manifest manifest, String release, String why) {
    ObjectRef ref = manifest.ref();
    Optional<Map<String, Object>> live = cache.get(ref);
    if (live.isEmpty()) {
      return new ChangeSet.Entry(ref, release, Action.SKIPPED, why + ": would create");
    }
    drift.found(ref, drift.assess(ref, live.get()));
    List<String> ignored = driftPolicy.pathsFor(ref, live.get(), ApplyOptions.FIELD_MANAGER);
    if (LiveComparison.matches(manifest.body(), live.get(), ApplyOptions.FIELD_MANAGER, ignored)) {
      return new ChangeSet.Entry(ref, release, Action.UNCHANGED, "");
    }
    List<String> paths = LiveComparison.differences(manifest.body(), live.get(), ignored);
    return new ChangeSet.Entry(ref, release, Action.SKIPPED, why + ": would configure"
        + (paths.isEmpty() ? " (drop fields no longer in Git)" : " " + String.join(", ", paths)));
  }

  /** Logs the report when it differs from the last one, so an idle agent does not repeat itself. */
  private void logIfChanged(String revision, String why, ChangeSet report) {
    List<ChangeSet.Entry> pending =
        report.entries().stream().filter(e -> e.action() == Action.SKIPPED).toList();
    String text = pending.stream().map(ChangeSet.Entry::toString).reduce("", (a, b) -> a + "\n  " + b);
    if (text.equals(lastReport)) {
      return;
    }
    lastReport = text;
    LOG.infof("%s: revision %s, %d objects would change, nothing was written%s", why, revision,
        pending.size(), text);
  }

  /** The informer cache, for tests. */
  ManagedObjectCache cache() {
    return cache;
  }

  @Override
  public void close() {
    cache.close();
    drift.close();
  }
}
