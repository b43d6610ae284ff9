package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.KindScopes;
import io.helmsync.apply.LiveObjects;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.Pruner;
import io.helmsync.apply.ServerDryRun;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.cluster.ClusterDiscovery;
import io.helmsync.cluster.HealthWaiter;
import io.helmsync.cluster.LiveCluster;
import io.helmsync.cluster.ManagedObjectCache;
import io.helmsync.config.AgentSettings;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Trigger;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.render.ClusterView;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place where the cluster side is put together: what charts see of the cluster, the {@link
 * ServerSideSync} of {@code sync --once} and of the agent (which also reads release health). One
 * per process, so that the discovery it keeps outlives reconciles.
 */
public final class ClusterSide {

  /** What the agent does about drift and whether it may write. */
  public record WatchOptions(DriftPolicy driftPolicy, boolean selfHeal, boolean suspend) {}

  private final KubernetesClient client;
  private final PruneOptions pruneOptions;
  private final ApplyOptions applyOptions;
  private final HealthWaiter waiter;
  private final ClusterDiscovery discovery;

  public ClusterSide(KubernetesClient client, PruneOptions pruneOptions) {
    this(client, pruneOptions, ApplyOptions.defaults(), HealthWaiter.create(client));
  }

  /** With the waiter and apply options given, for tests that must not wait long. */
  ClusterSide(
      KubernetesClient client,
      PruneOptions pruneOptions,
      ApplyOptions applyOptions,
      HealthWaiter waiter) {
    this.client = client;
    this.pruneOptions = pruneOptions;
    this.applyOptions = applyOptions;
    this.waiter = waiter;
    this.discovery =
        new ClusterDiscovery(client, ClusterDiscovery.DEFAULT_MAX_AGE, Clock.systemUTC());
  }

  /** What charts see: discovered {@code .Capabilities} and a live {@code lookup}. */
  public ClusterView view() {
    return LiveCluster.view(client, discovery);
  }

  /** Which kinds the cluster serves without a namespace, from the discovery renders share. */
  public KindScopes kindScopes() {
    return discovery.kindScopes();
  }

  /**
   * The sync of {@code sync --once}: one GET per object, no informers, no Events; fields the {@code
   * driftPolicy} ignores are left to their owners, as the agent leaves them.
   */
  public ServerSideSync once(AgentSettings settings, DriftPolicy driftPolicy) {
    return new ServerSideSync(
        parts(settings, new ServerSideApplier(client, driftPolicy), LiveObjects.reading(client)),
        discovery,
        new SyncEvents(EventSink.NONE),
        Optional.empty());
  }

  /**
   * The agent's sync: applies from an informer cache that also watches for drift; in dry-run or
   * suspended, previews what it would change without writing.
   *
   * @param sink where drift corrections are reported
   * @param events where each new revision is announced
   * @param request asks the reconcile loop for a reconcile ({@code drift} heals)
   */
  public ServerSideSync agent(
      AgentSettings settings,
      WatchOptions options,
      ReconcileMetrics metrics,
      EventSink sink,
      SyncEvents events,
      Consumer<Trigger> request) {
    ServerDryRun serverDryRun = new ServerDryRun(client);
    DriftWatch drift =
        new DriftWatch(
            settings.environment(),
            options.driftPolicy(),
            (desired, live, ignored) ->
                serverDryRun.wouldChange(desired, live, Ownership.FIELD_MANAGER, ignored),
            metrics,
            sink,
            request,
            options.selfHeal(),
            Backoff.defaults(),
            Clock.systemUTC());
    ManagedObjectCache cache =
        new ManagedObjectCache(client, settings.namespace(), settings.environment(), drift);
    Applier applier = new ServerSideApplier(client, cache, options.driftPolicy(), drift);
    ObjectRef inventory =
        new ObjectRef(
            "v1",
            "ConfigMap",
            settings.namespace(),
            ConfigMapInventoryStore.name(settings.environment()));
    ChangePreview preview =
        new ChangePreview(
            cache, drift, options.driftPolicy(), inventories(settings), settings.prune());
    ServerSideSync.Watch watch =
        new ServerSideSync.Watch(
            cache, drift, preview, inventory, options.suspend(), settings.dryRun());
    return new ServerSideSync(
        parts(settings, applier, cache), discovery, events, Optional.of(watch));
  }

  private ServerSideSync.Parts parts(AgentSettings settings, Applier applier, LiveObjects live) {
    return new ServerSideSync.Parts(
        applier,
        live,
        inventories(settings),
        new Pruner(client, settings.environment()),
        waiter,
        HookRunner.create(client, waiter, settings.environment()),
        applyOptions,
        pruneOptions,
        settings.prune());
  }

  private InventoryStore inventories(AgentSettings settings) {
    return new ConfigMapInventoryStore(client, settings.namespace(), settings.environment());
  }
}
