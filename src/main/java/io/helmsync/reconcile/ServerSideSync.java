package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Applier;
import io.helmsync.apply.HealthWaiter;
import io.helmsync.apply.HookRunner;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster side of a reconcile, in the order that keeps the cluster safe: apply release by
 * release with their hooks (see {@link ReleaseInstaller}), recording each release's history as it
 * ends; only when all succeeded, prune what the previous inventory lists and the desired state no
 * longer does, unless that would delete all or most managed objects, and run the {@code
 * post-delete} hooks of releases so uninstalled; then store the new inventory, keeping objects
 * whose prune failed so they are retried, and report those failures as a failed reconcile.
 */
public final class ServerSideSync implements ClusterSync {
  private static final String POST_DELETE = "post-delete";

  private final Applier applier;
  private final InventoryStore inventories;
  private final Pruner pruner;
  private final ApplyOptions applyOptions;
  private final PruneOptions pruneOptions;
  private final boolean prune;
  private final HealthWaiter waiter;
  private final HookRunner hooks;
  private final ReleaseInstaller installer;
  /**
   * Each release alone as last applied successfully, for {@code atomic} and {@code post-delete}.
   * Only in memory: after a restart a release has none until its next success.
   */
  private final Map<String, DesiredState> lastSuccess = new ConcurrentHashMap<>();

  public ServerSideSync(
      Applier applier,
      InventoryStore inventories,
      Pruner pruner,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions,
      boolean prune,
      HealthWaiter waiter,
      HookRunner hooks) {
    this.waiter = waiter;
    this.applier = applier;
    this.inventories = inventories;
    this.pruner = pruner;
    this.applyOptions = applyOptions;
    this.pruneOptions = pruneOptions;
    this.prune = prune;
    this.hooks = hooks;
    this.installer = new ReleaseInstaller(applier, applyOptions, waiter, hooks);
  }

  /** The server-side apply implementation for the settings' namespace and environment. */
  public static ServerSideSync create(KubernetesClient client, AgentSettings settings,
      PruneOptions pruneOptions) {
    return create(client, settings, pruneOptions, new ServerSideApplier(client));
  }

  /** As above, applying with {@code applier} (the agent's reads its informer cache). */
  public static ServerSideSync create(KubernetesClient client, AgentSettings settings,
      PruneOptions pruneOptions, Applier applier) {
    HealthWaiter waiter = HealthWaiter.create(client);
    return new ServerSideSync(
        applier,
        new ConfigMapInventoryStore(client, settings.namespace(), settings.environment()),
        new Pruner(client, settings.environment()),
        ApplyOptions.defaults(),
        pruneOptions,
        settings.prune(),
        waiter,
        HookRunner.create(client, waiter, settings.environment()));
  }

  @Override
  public ChangeSet sync(DesiredState desired) {
    Inventory previous = inventories.load();
    Inventory current = Inventory.of(desired).keepingRevisionsOf(previous);
    List<ObjectRef> stale = previous.staleAgainst(current);
    SyncProgress progress = new SyncProgress(inventories, previous, current);
    Staged staged;
    try {
      staged = applyInStages(desired, previous, progress);
    } catch (RuntimeException e) {
      // Stopped by an API error: keep what was and what may now be applied, prune nothing.
      progress.finish(progress.interrupted());
      throw e;
    }
    if (!staged.failures().isEmpty()) {
      // Not everything is applied: keep tracking what might be stale, prune nothing.
      progress.finish(current.plus(previous, stale));
      throw ReconcileException.transientError("applied " + staged.applied().entries().size()
          + " objects, but " + String.join("; ", staged.failures()) + ". Nothing was pruned.", null);
    }
    ChangeSet applied = staged.applied();
    if (!prune) {
      progress.finish(current.plus(previous, stale));
      return applied;
    }
    if (stale.isEmpty()) {
      progress.finish(current);
      runPostDeleteHooks(previous, desired);
      return applied;
    }
    int managed = previous.objects().size();
    if (pruneOptions.refuses(stale.size(), managed)) {
      progress.finish(current.plus(previous, stale));
      throw new PruneRefusedException("applied, but refused to prune " + stale.size() + " of the "
          + managed + " managed objects: " + (stale.size() == managed ? "all of them" : "more than "
          + "half") + ", which is more often a Git mistake (a removed include, a wrong branch or "
          + "environment) than an intent. Check the last commit; if the deletion is meant, set "
          + "HELMSYNC_ALLOW_MASS_PRUNE=true for one sync. First objects: "
          + stale.stream().limit(5).map(ObjectRef::toString).toList());
    }
    Pruner.Result pruned = pruner.prune(stale, pruneOptions);
    progress.finish(current.plus(previous, pruned.failed()));
    if (!pruned.failed().isEmpty()) {
      throw ReconcileException.transientError(
          "applied, but could not prune " + pruned.failed().size() + " objects (kept in the inventory"
              + " to retry): " + pruned.changes().entries().stream()
                  .filter(entry -> pruned.failed().contains(entry.ref()))
                  .map(ChangeSet.Entry::toString).toList(),
          null);
    }
    runPostDeleteHooks(previous, desired);
    return applied.plus(pruned.changes());
  }

  /**
   * Runs the {@code post-delete} hooks of each release the previous inventory lists and the
   * desired state does not, once its objects are pruned. The hooks come from this agent's memory of
   * the release; a release removed while the agent was down is uninstalled without them.
   */
  private void runPostDeleteHooks(Inventory previous, DesiredState desired) {
    Set<String> kept = new HashSet<>();
    desired.releases().forEach(release -> kept.add(release.name()));
    List<String> failures = new ArrayList<>();
    for (String name : previous.releases().keySet()) {
      DesiredState last = kept.contains(name) ? null : lastSuccess.remove(name);
      if (last != null) {
        DesiredRelease release = last.releases().get(0);
        hooks.run(POST_DELETE, release.hooks(), release.waitPolicy().timeout())
            .ifPresent(failure -> failures.add("release " + name + " was uninstalled, but "
                + failure));
      }
    }
    if (!failures.isEmpty()) {
      throw ReconcileException.transientError(String.join("; ", failures)
          + ". The hooks do not run again; clean up by hand if needed.", null);
    }
  }

  /** What a staged apply did, and each release that failed or was held back, with why. */
  private record Staged(ChangeSet applied, List<String> failures) {}

  /**
   * Syncs release by release in plan order. A release that waits is done when its objects are
   * healthy; one whose hook fails, or that turns degraded or times out, fails, and every release
   * that needs a failed or held-back one is held back (not applied), as {@code helmfile apply}
   * stops a DAG branch.
   */
  private Staged applyInStages(DesiredState desired, Inventory previous, SyncProgress progress) {
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
      ReleaseInstaller.Outcome outcome = installer.sync(desired, release,
          previous.history(release.name()), previous.releases().containsKey(release.name()),
          Optional.ofNullable(lastSuccess.get(release.name())));
      applied = applied.plus(outcome.applied());
      progress.record(release.name(), outcome.history(), outcome.ranHooks());
      if (outcome.succeeded()) {
        lastSuccess.put(release.name(), ReleaseInstaller.alone(desired, release));
      } else {
        notDone.add(release.name());
        failures.add(outcome.failure().get());
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
}
