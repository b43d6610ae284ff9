package io.helmsync.reconcile;

import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.LiveObjects;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.PruneRefusedException;
import io.helmsync.apply.Pruner;
import io.helmsync.cluster.ClusterDiscovery;
import io.helmsync.cluster.HealthWaiter;
import io.helmsync.cluster.HealthWaiter.NotHealthy;
import io.helmsync.cluster.LiveHealth;
import io.helmsync.cluster.ManagedObjectCache;
import io.helmsync.inventory.Inventory;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.inventory.ReleaseHistory;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The cluster side of a reconcile, one step after the other (see {@link #sync}) in the order that
 * keeps the cluster safe: announce a new revision; watch the managed kinds for drift; when writing
 * is held (dry-run, suspended), only preview; else load the inventory, apply the
 * CustomResourceDefinitions and Namespaces, then release by release its pre hooks, objects, wait
 * for health and post hooks, recording each release's history as it ends; only when all succeeded,
 * prune what the previous inventory lists and the desired state no longer does (unless that would
 * delete all or most managed objects) and run the {@code post-delete} hooks of releases so
 * uninstalled; store the new inventory, keeping objects whose prune failed so they are retried;
 * discover the cluster again when a CustomResourceDefinition changed.
 *
 * <p>Built by {@link ClusterSide}. The agent's sync has a {@link Watch}: informers feed the applier
 * and see drift. {@code sync --once} has none, and reads each object with a GET.
 */
public final class ServerSideSync implements ClusterSync, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServerSideSync.class);

  /** How each object's entry begins while applying is suspended, so the status can tell. */
  public static final String SUSPENDED_BY = "suspended by ";

  private static final String POST_DELETE = "post-delete";

  /**
   * What every sync writes and waits with.
   *
   * @param live where the applier reads the live objects, and so where release health is read
   */
  record Parts(
      Applier applier,
      LiveObjects live,
      InventoryStore inventories,
      Pruner pruner,
      HealthWaiter waiter,
      HookRunner hooks,
      ApplyOptions applyOptions,
      PruneOptions pruneOptions,
      boolean prune) {}

  /**
   * What the agent adds: the informer cache and drift watch, and what holds writing back.
   *
   * @param inventory the inventory ConfigMap, whose {@code helmsync.io/suspend} annotation holds
   */
  record Watch(
      ManagedObjectCache cache,
      DriftWatch drift,
      ChangePreview preview,
      ObjectRef inventory,
      boolean suspend,
      boolean dryRun) {}

  /** Why a release failed or was held back, and what that asks of the next reconcile. */
  private record Failure(String message, Reason reason) {
    Failure withMore(String more) {
      return new Failure(message + more, reason);
    }
  }

  /** What a staged apply did, and each release that failed or was held back. */
  private record Staged(ChangeSet applied, List<Failure> failures) {
    /** Waiting when every failure only ran out of time: health may still come. */
    ReconcileException failure() {
      boolean waiting = failures.stream().allMatch(failure -> failure.reason() == Reason.WAITING);
      return new ReconcileException(
          waiting ? Reason.WAITING : Reason.TRANSIENT,
          "applied "
              + applied.entries().size()
              + " objects, but "
              + failures.stream().map(Failure::message).collect(Collectors.joining("; "))
              + ". Nothing was pruned.",
          null);
    }
  }

  /** What one release's install did; {@code ranHooks}: a retry would run them again. */
  private record Installed(
      ChangeSet applied, Optional<Failure> failure, ReleaseHistory history, boolean ranHooks) {}

  private final Applier applier;
  private final LiveObjects live;
  private final InventoryStore inventories;
  private final Pruner pruner;
  private final HealthWaiter waiter;
  private final HookRunner hooks;
  private final ApplyOptions applyOptions;
  private final PruneOptions pruneOptions;
  private final boolean prune;
  private final ClusterDiscovery discovery;
  private final SyncEvents events;
  private final Optional<Watch> watch;

  /**
   * Each release alone as last applied successfully, for {@code atomic} and {@code post-delete}.
   * Only in memory: after a restart a release has none until its next success.
   */
  private final Map<String, DesiredState> lastSuccess = new ConcurrentHashMap<>();

  /** The revision of the last sync that ended, so that only a new one is announced. */
  private String appliedRevision;

  ServerSideSync(
      Parts parts, ClusterDiscovery discovery, SyncEvents events, Optional<Watch> watch) {
    this.applier = parts.applier();
    this.live = parts.live();
    this.inventories = parts.inventories();
    this.pruner = parts.pruner();
    this.waiter = parts.waiter();
    this.hooks = parts.hooks();
    this.applyOptions = parts.applyOptions();
    this.pruneOptions = parts.pruneOptions();
    this.prune = parts.prune();
    this.discovery = discovery;
    this.events = events;
    this.watch = watch;
  }

  /** Makes the cluster match {@code desired}, step by step; an apply that fails prunes nothing. */
  @Override
  public ChangeSet sync(DesiredState desired) {
    announceNewRevision(desired);
    watchManagedKinds(desired);
    Optional<String> hold = holdReason();
    expectDrift(desired, hold.isPresent());
    ChangeSet changes =
        hold.isPresent()
            ? preview(desired, hold.get())
            : whileCorrectingDrift(() -> applyAndPrune(desired));
    rediscoverAfterCrdChanges(changes);
    appliedRevision = desired.revision();
    return changes;
  }

  /**
   * How healthy each release is, read where this sync reads the live objects: the agent's from its
   * informer cache (a GET only for an object it does not watch), {@code sync --once}'s with GETs.
   */
  public ReleaseHealth releaseHealth() {
    return ReleaseHealth.live(new LiveHealth(live));
  }

  /** Applies in stages, then prunes; the inventory records how far it got. */
  private ChangeSet applyAndPrune(DesiredState desired) {
    Inventory previous = inventories.load();
    Inventory current = Inventory.of(desired).keepingRevisionsOf(previous);
    List<ObjectRef> stale = previous.staleAgainst(current);
    SyncProgress progress = new SyncProgress(inventories, previous, current);
    ChangeSet applied = applyInStages(desired, previous, progress, current.plus(previous, stale));
    if (!prune) {
      progress.finish(current.plus(previous, stale));
      return applied;
    }
    ChangeSet pruned = prune(stale, previous, current, progress);
    runPostDeleteHooks(previous, desired);
    return applied.plus(pruned);
  }

  /** SyncStarted, once per revision: a retry of the same one says nothing new. */
  private void announceNewRevision(DesiredState desired) {
    if (!desired.revision().equals(appliedRevision)) {
      events.started(desired);
    }
  }

  /** Before the first apply too, so that the first reconcile after a start reads the cache. */
  private void watchManagedKinds(DesiredState desired) {
    watch.ifPresent(
        w -> w.cache().watchKindsOf(desired.objects().stream().map(Manifest::ref).toList()));
  }

  /** Why nothing may be written, if so. */
  private Optional<String> holdReason() {
    if (watch.isEmpty()) {
      return Optional.empty();
    }
    Watch w = watch.get();
    if (w.dryRun()) {
      return Optional.of("dry-run");
    }
    if (w.suspend()) {
      return Optional.of(SUSPENDED_BY + "HELMSYNC_SUSPEND");
    }
    return "true".equals(w.cache().annotationsOf(w.inventory()).get(Ownership.SUSPEND))
        ? Optional.of(SUSPENDED_BY + Ownership.SUSPEND + " on ConfigMap " + w.inventory().name())
        : Optional.empty();
  }

  /** Tells the drift watch what Git declares now, so that helmsync's own changes are not drift. */
  private void expectDrift(DesiredState desired, boolean held) {
    watch.ifPresent(w -> w.drift().expect(desired, held));
  }

  private ChangeSet preview(DesiredState desired, String why) {
    return watch.orElseThrow().preview().of(desired, why);
  }

  /** Runs {@code sync} as a correction: what it puts back is reported as drift corrected. */
  private ChangeSet whileCorrectingDrift(Supplier<ChangeSet> sync) {
    watch.ifPresent(w -> w.drift().applying());
    ChangeSet changes = ChangeSet.empty();
    try {
      changes = sync.get();
      return changes;
    } finally {
      ChangeSet done = changes;
      watch.ifPresent(w -> w.drift().applied(done));
    }
  }

  /** The next render sees the API versions a changed CustomResourceDefinition serves (or not). */
  private void rediscoverAfterCrdChanges(ChangeSet changes) {
    if (changes.writes().stream()
        .anyMatch(entry -> entry.ref().kind().equals("CustomResourceDefinition"))) {
      discovery.invalidate();
    }
  }

  /**
   * Applies the foundations, then release by release; fails, pruning nothing, unless all did.
   *
   * @param unpruned the inventory to keep when not everything was applied
   */
  private ChangeSet applyInStages(
      DesiredState desired, Inventory previous, SyncProgress progress, Inventory unpruned) {
    Staged staged;
    try {
      staged = applyFoundations(desired);
      if (staged.failures().isEmpty()) {
        staged = applyReleases(desired, previous, progress, staged.applied());
      }
    } catch (RuntimeException e) {
      // Stopped by an API error: keep what was and what may now be applied, prune nothing.
      progress.finish(progress.interrupted());
      throw e;
    }
    if (!staged.failures().isEmpty()) {
      // Not everything is applied: keep tracking what might be stale, prune nothing.
      progress.finish(unpruned);
      throw staged.failure();
    }
    return staged.applied();
  }

  /**
   * Every release's CustomResourceDefinitions and Namespaces first, so that custom resources and
   * namespaced objects of any release find them (applying them again with their release sends
   * nothing, as they are then unchanged); then waits until they are established.
   */
  private Staged applyFoundations(DesiredState desired) {
    List<DesiredRelease> releases = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      List<Manifest> first =
          release.objects().stream().filter(ServerSideSync::isFoundation).toList();
      if (!first.isEmpty()) {
        releases.add(new DesiredRelease(release.name(), release.namespace(), first));
      }
    }
    if (releases.isEmpty()) {
      return new Staged(ChangeSet.empty(), List.of());
    }
    DesiredState foundations =
        new DesiredState(desired.environment(), desired.revision(), releases);
    ChangeSet applied = applier.apply(foundations, applyOptions);
    List<Failure> failures =
        waiter
            .await(foundations.objects(), applyOptions.establishTimeout())
            .map(
                problem ->
                    failure(
                        "the CustomResourceDefinitions are not ready: "
                            + problem.message()
                            + "; no release was applied",
                        problem))
            .stream()
            .toList();
    return new Staged(applied, failures);
  }

  private static boolean isFoundation(Manifest object) {
    ObjectRef ref = object.ref();
    return ref.kind().equals("CustomResourceDefinition")
            && ref.apiVersion().startsWith("apiextensions.k8s.io/")
        || ref.kind().equals("Namespace") && ref.apiVersion().equals("v1");
  }

  /**
   * Installs release by release in plan order. A release whose hook fails, or that turns degraded
   * or times out, fails, and every release that needs a failed or held-back one is held back (not
   * applied), as {@code helmfile apply} stops a DAG branch.
   */
  private Staged applyReleases(
      DesiredState desired, Inventory previous, SyncProgress progress, ChangeSet foundations) {
    ChangeSet applied = foundations;
    List<Failure> failures = new ArrayList<>();
    Set<String> notDone = new HashSet<>();
    for (DesiredRelease release : desired.releases()) {
      List<String> blocking = release.needs().stream().filter(notDone::contains).toList();
      if (!blocking.isEmpty()) {
        notDone.add(release.name());
        // Held back, it waits for what it needs: the failure of that decides what to do.
        failures.add(
            new Failure(
                "release "
                    + release.name()
                    + " was not applied because it needs "
                    + String.join(", ", blocking),
                Reason.WAITING));
        continue;
      }
      Installed installed = install(desired, release, previous);
      applied = applied.plus(installed.applied());
      progress.record(release.name(), installed.history(), installed.ranHooks());
      if (installed.failure().isPresent()) {
        notDone.add(release.name());
        failures.add(installed.failure().get());
      } else {
        lastSuccess.put(release.name(), alone(desired, release));
      }
    }
    return new Staged(applied, failures);
  }

  /**
   * Installs or upgrades one release as {@code helm upgrade --install} does (see {@link
   * ReleasePhase}): pre hooks, the objects, the wait, post hooks.
   *
   * @throws ReconcileException when the API server fails a request
   */
  private Installed install(DesiredState desired, DesiredRelease release, Inventory previous) {
    ReleaseHistory before = previous.history(release.name());
    String checksum = ReleaseChecksum.of(release);
    ReleasePhase phase =
        ReleasePhase.of(before, previous.releases().containsKey(release.name()), checksum);
    logInstalling(release, phase);
    ChangeSet applied = ChangeSet.empty();
    Optional<Failure> failure = runHooks(phase.before, release);
    if (failure.isEmpty()) {
      applied = applier.apply(alone(desired, release), applyOptions);
      failure = awaitHealthy(release).map(problem -> rollBack(release, problem));
    }
    if (failure.isEmpty()) {
      failure = runHooks(phase.after, release);
    }
    ReleaseHistory after =
        failure.isPresent()
            ? phase.failed(before)
            : phase.succeeded(before, checksum, desired.revision());
    boolean ranHooks =
        phase.runsHooks()
            && !(HookRunner.at(phase.before, release.hooks()).isEmpty()
                && HookRunner.at(phase.after, release.hooks()).isEmpty());
    return new Installed(applied, failure, after, ranHooks);
  }

  /** A progress line: an unchanged release, as on every idle poll, says nothing. */
  private static void logInstalling(DesiredRelease release, ReleasePhase phase) {
    if (!phase.runsHooks()) {
      return;
    }
    WaitPolicy policy = release.waitPolicy();
    LOG.infof(
        "release %s: %s (%d objects, %d hooks%s)",
        release.name(),
        phase == ReleasePhase.INSTALL ? "installing" : "upgrading",
        release.objects().size(),
        release.hooks().size(),
        policy.untilHealthy()
            ? ", then waiting up to " + policy.timeout().toSeconds() + "s for health"
            : "");
  }

  /** The release's hooks for {@code event}; none when the phase runs none (empty event). */
  private Optional<Failure> runHooks(String event, DesiredRelease release) {
    if (event.isEmpty()) {
      return Optional.empty();
    }
    return hooks
        .run(event, release.hooks(), release.waitPolicy().timeout())
        .map(message -> new Failure(message, Reason.TRANSIENT));
  }

  private Optional<Failure> awaitHealthy(DesiredRelease release) {
    if (!release.waitPolicy().untilHealthy()) {
      return Optional.empty();
    }
    return waiter
        .await(release.objects(), release.waitPolicy().timeout())
        .map(
            problem ->
                failure(
                    "release " + release.name() + " is not healthy: " + problem.message(),
                    problem));
  }

  /** A health wait that ran out of time asks to wait more; a degraded object is a failure. */
  private static Failure failure(String message, NotHealthy problem) {
    return new Failure(message, problem.timedOut() ? Reason.WAITING : Reason.TRANSIENT);
  }

  /**
   * With {@code atomic}, re-applies the objects of the last success; the failure is reported either
   * way. Objects the failed revision added stay (and stay in the inventory): deleting them is a
   * prune, which waits for a sync that succeeds.
   */
  private Failure rollBack(DesiredRelease release, Failure problem) {
    if (!release.waitPolicy().atomic()) {
      return problem;
    }
    DesiredState last = lastSuccess.get(release.name());
    if (last == null) {
      return problem.withMore(
          "; atomic: no earlier successful objects of this release are known "
              + "to this agent (first install, or the agent restarted since), so nothing was rolled "
              + "back");
    }
    applier.apply(last, applyOptions);
    return problem.withMore(
        "; atomic: re-applied the release's objects of revision " + last.revision());
  }

  /**
   * Deletes what the previous inventory lists and the desired state no longer does, unless that is
   * all or most of it.
   */
  private ChangeSet prune(
      List<ObjectRef> stale, Inventory previous, Inventory current, SyncProgress progress) {
    if (stale.isEmpty()) {
      progress.finish(current);
      return ChangeSet.empty();
    }
    refuseMassPrune(stale, previous, current, progress);
    Pruner.Result pruned = pruner.prune(stale, pruneOptions);
    progress.finish(current.plus(previous, pruned.failed()));
    if (!pruned.failed().isEmpty()) {
      throw ReconcileException.transientError(
          "applied, but could not prune "
              + pruned.failed().size()
              + " objects (kept in the inventory to retry): "
              + pruned.changes().entries().stream()
                  .filter(entry -> pruned.failed().contains(entry.ref()))
                  .map(ChangeSet.Entry::toString)
                  .toList(),
          null);
    }
    return pruned.changes();
  }

  private void refuseMassPrune(
      List<ObjectRef> stale, Inventory previous, Inventory current, SyncProgress progress) {
    int managed = previous.objects().size();
    if (!pruneOptions.refuses(stale.size(), managed)) {
      return;
    }
    progress.finish(current.plus(previous, stale));
    throw new PruneRefusedException(
        "applied, but refused to prune "
            + stale.size()
            + " of the "
            + managed
            + " managed objects: "
            + (stale.size() == managed ? "all of them" : "more than " + "half")
            + ", which is more often a Git mistake (a removed include, a wrong branch or "
            + "environment) than an intent. Check the last commit; if the deletion is meant, set "
            + "HELMSYNC_ALLOW_MASS_PRUNE=true for one sync. First objects: "
            + stale.stream().limit(5).map(ObjectRef::toString).toList());
  }

  /**
   * Runs the {@code post-delete} hooks of each release the previous inventory lists and the desired
   * state does not, once its objects are pruned. The hooks come from this agent's memory of the
   * release; a release removed while the agent was down is uninstalled without them.
   */
  private void runPostDeleteHooks(Inventory previous, DesiredState desired) {
    Set<String> kept = new HashSet<>();
    desired.releases().forEach(release -> kept.add(release.name()));
    List<String> failures = new ArrayList<>();
    for (String name : previous.releases().keySet()) {
      DesiredState last = kept.contains(name) ? null : lastSuccess.remove(name);
      if (last != null) {
        DesiredRelease release = last.releases().get(0);
        hooks
            .run(POST_DELETE, release.hooks(), release.waitPolicy().timeout())
            .ifPresent(
                failure -> failures.add("release " + name + " was uninstalled, but " + failure));
      }
    }
    if (!failures.isEmpty()) {
      throw ReconcileException.transientError(
          String.join("; ", failures) + ". The hooks do not run again; clean up by hand if needed.",
          null);
    }
  }

  static DesiredState alone(DesiredState desired, DesiredRelease release) {
    return new DesiredState(desired.environment(), desired.revision(), List.of(release));
  }

  /** The informer cache, for tests. */
  ManagedObjectCache cache() {
    return watch.orElseThrow().cache();
  }

  @Override
  public void close() {
    watch.ifPresent(
        w -> {
          w.cache().close();
          w.drift().close();
        });
  }
}
