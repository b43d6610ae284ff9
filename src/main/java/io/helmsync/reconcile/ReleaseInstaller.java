package io.helmsync.reconcile;

import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.HealthWaiter;
import io.helmsync.apply.HookRunner;
import io.helmsync.inventory.ReleaseHistory;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.DesiredState;
import io.helmsync.model.WaitPolicy;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Installs or upgrades one release as {@code helm upgrade --install} does: pre hooks, the objects,
 * the wait, post hooks. Whether it is an install, an upgrade or neither comes from the release's
 * {@link ReleaseHistory}: an install until one succeeded, an upgrade when the content checksum
 * differs from the last success, neither when it does not (then no hook runs, and objects that
 * already match are not written). With {@code atomic}, a release that does not become healthy in
 * time gets the objects of its last success back.
 */
final class ReleaseInstaller {
  private static final Logger LOG = Logger.getLogger(ReleaseInstaller.class);
  private final Applier applier;
  private final ApplyOptions options;
  private final HealthWaiter waiter;
  private final HookRunner hooks;

  ReleaseInstaller(Applier applier, ApplyOptions options, HealthWaiter waiter, HookRunner hooks) {
    this.applier = applier;
    this.options = options;
    this.waiter = waiter;
    this.hooks = hooks;
  }

  /** Which hooks a sync of a release runs. */
  enum Phase {
    INSTALL("pre-install", "post-install"),
    UPGRADE("pre-upgrade", "post-upgrade"),
    /** The content did not change since the last success: apply (to heal), run no hook. */
    UNCHANGED("", "");

    final String before;
    final String after;

    Phase(String before, String after) {
      this.before = before;
      this.after = after;
    }

    boolean runsHooks() {
      return this != UNCHANGED;
    }

    static Phase of(ReleaseHistory history, String checksum) {
      if (!history.wasDeployed()) {
        return INSTALL;
      }
      return history.checksum().equals(checksum) ? UNCHANGED : UPGRADE;
    }
  }

  /**
   * What one release's sync did.
   *
   * @param failure why the release failed, naming the object or hook; empty when it succeeded
   * @param history what to record for the release
   * @param ranHooks whether a hook ran (so a retry would run it again)
   */
  record Outcome(ChangeSet applied, Optional<String> failure, ReleaseHistory history,
      boolean ranHooks) {
    boolean succeeded() {
      return failure.isEmpty();
    }
  }

  /**
   * @param before the release's recorded history; {@link ReleaseHistory#NONE} for a new release
   * @param listedBefore whether the previous inventory lists the release: one listed without a
   *     history was applied by a helmsync that ran no hooks, and is adopted as installed
   * @param lastSuccess the release alone, as this agent last applied it successfully, for {@code
   *     atomic}
   * @throws io.helmsync.model.ReconcileException when the API server fails a request
   */
  Outcome sync(DesiredState desired, DesiredRelease release, ReleaseHistory before,
      boolean listedBefore, Optional<DesiredState> lastSuccess) {
    String checksum = ReleaseChecksum.of(release);
    boolean adopting = listedBefore && !before.isTracked();
    Phase phase = adopting ? Phase.UNCHANGED : Phase.of(before, checksum);
    WaitPolicy policy = release.waitPolicy();
    ChangeSet applied = ChangeSet.empty();
    boolean ranHooks = phase.runsHooks()
        && !(HookRunner.at(phase.before, release.hooks()).isEmpty()
            && HookRunner.at(phase.after, release.hooks()).isEmpty());
    if (phase.runsHooks()) {
      // A progress line: an unchanged release, as on every idle poll, says nothing.
      LOG.infof("release %s: %s (%d objects, %d hooks%s)", release.name(),
          phase == Phase.INSTALL ? "installing" : "upgrading", release.objects().size(),
          release.hooks().size(), policy.untilHealthy()
              ? ", then waiting up to " + policy.timeout().toSeconds() + "s for health" : "");
    }
    Optional<String> failure = phase.runsHooks()
        ? hooks.run(phase.before, release.hooks(), policy.timeout()) : Optional.empty();
    if (failure.isEmpty()) {
      applied = applier.apply(alone(desired, release), options);
      failure = awaitHealthy(release).map(problem -> rollBack(release, lastSuccess, problem));
    }
    if (failure.isEmpty() && phase.runsHooks()) {
      failure = hooks.run(phase.after, release.hooks(), policy.timeout());
    }
    if (failure.isPresent()) {
      // An adopted release stays untracked, so that a retry does not take it for a new install.
      return new Outcome(applied, failure, adopting ? before : before.failed(), ranHooks);
    }
    return new Outcome(applied, failure, succeeded(before, adopting, phase, checksum,
        desired.revision()), ranHooks);
  }

  private static ReleaseHistory succeeded(ReleaseHistory before, boolean adopting, Phase phase,
      String checksum, String revision) {
    if (adopting) {
      return before.adopted(checksum, revision);
    }
    boolean recovered = before.status().equals(ReleaseHistory.FAILED);
    return phase.runsHooks() || recovered ? before.deployed(checksum, revision) : before;
  }

  private Optional<String> awaitHealthy(DesiredRelease release) {
    if (!release.waitPolicy().untilHealthy()) {
      return Optional.empty();
    }
    return waiter.await(release.objects(), release.waitPolicy().timeout())
        .map(problem -> "release " + release.name() + " is not healthy: " + problem);
  }

  /**
   * With {@code atomic}, re-applies the objects of the last success; the failure is reported
   * either way. Objects the failed revision added stay (and stay in the inventory): deleting them
   * is a prune, which waits for a sync that succeeds.
   */
  private String rollBack(DesiredRelease release, Optional<DesiredState> lastSuccess,
      String problem) {
    if (!release.waitPolicy().atomic()) {
      return problem;
    }
    if (lastSuccess.isEmpty()) {
      return problem + "; atomic: no earlier successful objects of this release are known to this "
          + "agent (first install, or the agent restarted since), so nothing was rolled back";
    }
    applier.apply(lastSuccess.get(), options);
    return problem + "; atomic: re-applied the release's objects of revision "
        + lastSuccess.get().revision();
  }

  static DesiredState alone(DesiredState desired, DesiredRelease release) {
    return new DesiredState(desired.environment(), desired.revision(), List.of(release));
  }
}
