package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.LiveObjects;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.Pruner;
import io.helmsync.cluster.ClusterDiscovery;
import io.helmsync.cluster.HealthWaiter;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.observe.EventSink;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link ServerSideSync}s of environment {@code demo} in namespace {@code demo} as {@code sync
 * --once} has them (no informers, no drift watch), whose health wait polls every 10 ms.
 */
final class OnceSyncs {
  private OnceSyncs() {}

  static ServerSideSync of(
      KubernetesClient client,
      Applier applier,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions,
      SyncEvents events) {
    return of(
        client,
        applier,
        applyOptions,
        pruneOptions,
        events,
        new ClusterDiscovery(client, ClusterDiscovery.DEFAULT_MAX_AGE, Clock.systemUTC()));
  }

  /**
   * @param discovery what the sync discovers again after a CustomResourceDefinition changed
   */
  static ServerSideSync of(
      KubernetesClient client,
      Applier applier,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions,
      SyncEvents events,
      ClusterDiscovery discovery) {
    HealthWaiter waiter =
        new HealthWaiter(
            client, Duration.ofMillis(10), duration -> Thread.sleep(duration.toMillis()));
    ServerSideSync.Parts parts =
        new ServerSideSync.Parts(
            applier,
            LiveObjects.reading(client),
            new ConfigMapInventoryStore(client, "demo", "demo"),
            new Pruner(client, "demo"),
            waiter,
            HookRunner.create(client, waiter, "demo"),
            applyOptions,
            pruneOptions,
            true);
    return new ServerSideSync(parts, discovery, events, Optional.empty());
  }

  static ServerSideSync of(
      KubernetesClient client,
      Applier applier,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions) {
    return of(client, applier, applyOptions, pruneOptions, new SyncEvents(EventSink.NONE));
  }
}
