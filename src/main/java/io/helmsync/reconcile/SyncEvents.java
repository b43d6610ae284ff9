package io.helmsync.reconcile;

import io.helmsync.apply.PruneRefusedException;
import io.helmsync.health.Health;
import io.helmsync.health.HealthStatus;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.EventSink.Type;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which reconciles become Kubernetes Events on the inventory ConfigMap, so that {@code kubectl
 * describe cm helmsync-inventory-<env>} tells the story without the agent's logs: a sync that
 * changed something or a new revision (SyncSucceeded), every failure (SyncFailed, or PruneRefused
 * when the mass-prune guard stopped it), and a release turning degraded or recovering. A poll that
 * finds nothing to do reports nothing, and the sink folds repeats into one Event's count.
 */
public final class SyncEvents {
  static final String SYNC_STARTED = "SyncStarted";
  static final String SYNC_SUCCEEDED = "SyncSucceeded";
  static final String SYNC_FAILED = "SyncFailed";
  static final String PRUNE_REFUSED = "PruneRefused";
  static final String RELEASE_DEGRADED = "ReleaseDegraded";
  static final String RELEASE_RECOVERED = "ReleaseRecovered";

  private final EventSink sink;

  /** The releases last seen degraded, to report the change and not the state on every poll. */
  private final Map<String, Boolean> degraded = new HashMap<>();

  public SyncEvents(EventSink sink) {
    this.sink = sink;
  }

  /**
   * Reports one recorded reconcile.
   *
   * @param previous the last result before this one, or {@code null}
   * @param releases the health of each release after it (empty when not assessed)
   */
  public void recorded(
      ReconcileResult previous, ReconcileResult result, Map<String, Health> releases) {
    if (result.outcome() == Outcome.FAILED) {
      failed(result);
    } else if (result.outcome() == Outcome.SYNCED && worthTelling(previous, result)) {
      sink.environment(
          Type.NORMAL,
          SYNC_SUCCEEDED,
          "revision "
              + shortRevision(result.revision())
              + " applied: "
              + summary(result.changes()));
    }
    releases.forEach(this::releaseHealth);
  }

  private void failed(ReconcileResult result) {
    String reason = result.error() instanceof PruneRefusedException ? PRUNE_REFUSED : SYNC_FAILED;
    String revision =
        result.revision() == null ? "" : "revision " + shortRevision(result.revision()) + ": ";
    sink.environment(Type.WARNING, reason, revision + result.error().getMessage());
  }

  /**
   * A sync that wrote something, the first one, or the first success after a failure or a new
   * commit.
   */
  private static boolean worthTelling(ReconcileResult previous, ReconcileResult result) {
    return !result.changes().writes().isEmpty()
        || previous == null
        || !result.succeededOnSameRevision(previous);
  }

  private void releaseHealth(String release, Health health) {
    boolean now = health.status() == HealthStatus.DEGRADED;
    boolean before = degraded.getOrDefault(release, false);
    if (now && !before) {
      sink.environment(
          Type.WARNING,
          RELEASE_DEGRADED,
          "release " + release + " is degraded: " + health.message());
    } else if (before && health.status() == HealthStatus.HEALTHY) {
      sink.environment(Type.NORMAL, RELEASE_RECOVERED, "release " + release + " is healthy again");
    }
    if (now || health.status() == HealthStatus.HEALTHY) {
      degraded.put(release, now);
    }
  }

  /** Reports that a sync of {@code desired}, a revision not applied before, starts. */
  void started(DesiredState desired) {
    sink.environment(
        Type.NORMAL,
        SYNC_STARTED,
        "applying revision "
            + shortRevision(desired.revision())
            + " ("
            + desired.releases().size()
            + " releases)");
  }

  private static String summary(ChangeSet changes) {
    if (changes.writes().isEmpty()) {
      return "no changes needed";
    }
    return changes.countByAction().entrySet().stream()
        .map(entry -> entry.getKey().label() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String shortRevision(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }
}
