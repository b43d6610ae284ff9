package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Applier;
import io.helmsync.apply.HealthWaiter;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.Pruner;
import io.helmsync.apply.PruneRefusedException;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ServerSideApplier;
import io.helmsync.config.AgentSettings;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.Inventory;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster side of a reconcile, in the order that keeps the cluster safe: apply everything; only
 * when that succeeded, prune what the previous inventory lists and the desired state no longer
 * does, unless that would delete all or most managed objects; then store the new inventory, keeping objects whose prune failed so they are retried, and
 * report those failures as a failed reconcile.
 */
public final class ServerSideSync implements ClusterSync {
  private final Applier applier;
  private final InventoryStore inventories;
  private final Pruner pruner;
  private final ApplyOptions applyOptions;
  private final PruneOptions pruneOptions;
  private final boolean prune;
  private final HealthWaiter waiter;

  public ServerSideSync(
      Applier applier,
      InventoryStore inventories,
      Pruner pruner,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions,
      boolean prune,
      HealthWaiter waiter) {
    this.waiter = waiter;
    this.applier = applier;
    this.inventories = inventories;
    this.pruner = pruner;
    this.applyOptions = applyOptions;
    this.pruneOptions = pruneOptions;
    this.prune = prune;
  }

  /** The server-side apply implementation for the settings' namespace and environment. */
  public static ServerSideSync create(KubernetesClient client, AgentSettings settings,
      PruneOptions pruneOptions) {
    return create(client, settings, pruneOptions, new ServerSideApplier(client));
  }

  /** As above, applying with {@code applier} (the agent's reads its informer cache). */
  public static ServerSideSync create(KubernetesClient client, AgentSettings settings,
      PruneOptions pruneOptions, Applier applier) {
    return new ServerSideSync(
        applier,
        new ConfigMapInventoryStore(client, settings.namespace(), settings.environment()),
        new Pruner(client, settings.environment()),
        ApplyOptions.defaults(),
        pruneOptions,
        settings.prune(),
        HealthWaiter.create(client));
  }

  @Override
  public ChangeSet sync(DesiredState desired) {
    Inventory previous = inventories.load();
    Inventory current = Inventory.of(desired).keepingRevisionsOf(previous);
    List<ObjectRef> stale = previous.staleAgainst(current);
    Staged staged = applyInStages(desired);
    if (!staged.failures().isEmpty()) {
      // Not everything is applied: keep tracking what might be stale, prune nothing.
      save(previous, current.plus(previous, stale));
      throw ReconcileException.transientError("applied " + staged.applied().entries().size()
          + " objects, but " + String.join("; ", staged.failures()) + ". Nothing was pruned.", null);
    }
    ChangeSet applied = staged.applied();
    if (!prune || stale.isEmpty()) {
      save(previous, prune ? current : current.plus(previous, stale));
      return applied;
    }
    int managed = previous.objects().size();
    if (pruneOptions.refuses(stale.size(), managed)) {
      save(previous, current.plus(previous, stale));
      throw new PruneRefusedException("applied, but refused to prune " + stale.size() + " of the "
          + managed + " managed objects: " + (stale.size() == managed ? "all of them" : "more than "
          + "half") + ", which is more often a Git mistake (a removed include, a wrong branch or "
          + "environment) than an intent. Check the last commit; if the deletion is meant, set "
          + "HELMSYNC_ALLOW_MASS_PRUNE=true for one sync. First objects: "
          + stale.stream().limit(5).map(ObjectRef::toString).toList());
    }
    Pruner.Result pruned = pruner.prune(stale, pruneOptions);
    save(previous, current.plus(previous, pruned.failed()));
    if (!pruned.failed().isEmpty()) {
      throw ReconcileException.transientError(
          "applied, but could not prune " + pruned.failed().size() + " objects (kept in the inventory"
              + " to retry): " + pruned.changes().entries().stream()
                  .filter(entry -> pruned.failed().contains(entry.ref()))
                  .map(ChangeSet.Entry::toString).toList(),
          null);
    }
    return applied.plus(pruned.changes());
  }

  /** What a staged apply did, and each release that failed or was held back, with why. */
  private record Staged(ChangeSet applied, List<String> failures) {}

  /**
   * Applies release by release in plan order. A release that waits is done when its objects are
   * healthy; one that turns degraded or times out fails, and every release that needs a failed or
   * held-back one is held back (not applied), as {@code helmfile apply} stops a DAG branch.
   */
  private Staged applyInStages(DesiredState desired) {
    ChangeSet applied = ChangeSet.empty();
    List<String> failures = new ArrayList<>();
    Set<String> notDone = new HashSet<>();
    DesiredState foundations = foundations(desired);
    if (!foundations.releases().isEmpty()) {
      applied = applied.plus(applier.apply(foundations, applyOptions));
      Optional<String> problem = waiter.await(foundations.objects(),
          applyOptions.establishTimeout());
      if (problem.isPresent()) {
        return new Staged(applied, List.of("the CustomResourceDefinitions are not ready: "
            + problem.get() + "; no release was applied"));
      }
    }
    for (DesiredRelease release : desired.releases()) {
      List<String> blocking = release.needs().stream().filter(notDone::contains).toList();
      if (!blocking.isEmpty()) {
        notDone.add(release.name());
        failures.add("release " + release.name() + " was not applied because it needs "
            + String.join(", ", blocking));
        continue;
      }
      DesiredState one = new DesiredState(desired.environment(), desired.revision(), List.of(release));
      applied = applied.plus(applier.apply(one, applyOptions));
      if (release.waitPolicy().untilHealthy()) {
        Optional<String> problem = waiter.await(release.objects(), release.waitPolicy().timeout());
        if (problem.isPresent()) {
          notDone.add(release.name());
          failures.add("release " + release.name() + " is not healthy: " + problem.get());
        }
      }
    }
    return new Staged(applied, failures);
  }

  /**
   * Every release's CustomResourceDefinitions and Namespaces, which go first so that custom
   * resources and namespaced objects of any release find them (applying them again with their
   * release sends nothing, as they are then unchanged).
   */
  private static DesiredState foundations(DesiredState desired) {
    List<DesiredRelease> releases = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      List<Manifest> first = release.objects().stream().filter(ServerSideSync::isFoundation).toList();
      if (!first.isEmpty()) {
        releases.add(new DesiredRelease(release.name(), release.namespace(), first));
      }
    }
    return new DesiredState(desired.environment(), desired.revision(), releases);
  }

  private static boolean isFoundation(Manifest object) {
    ObjectRef ref = object.ref();
    return ref.kind().equals("CustomResourceDefinition")
            && ref.apiVersion().startsWith("apiextensions.k8s.io/")
        || ref.kind().equals("Namespace") && ref.apiVersion().equals("v1");
  }

  /** Writes the inventory only when it changed, so a reconcile with nothing to do writes nothing. */
  private void save(Inventory previous, Inventory next) {
    if (!next.equals(previous)) {
      inventories.save(next);
    }
  }
}
