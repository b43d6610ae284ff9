package io.helmsync.reconcile;

import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.source.CommitInfo;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one reconcile.
 *
 * @param trigger what started it
 * @param revision the revision it worked on; {@code null} when the source could not be read
 * @param commit the commit's message, author and time, when the source knows them
 * @param outcome how it ended
 * @param changes what apply and prune did (empty unless synced)
 * @param desired what the revision declares; {@code null} unless it rendered
 * @param objectsPerRelease how many objects each release manages after this reconcile, in apply
 *     order
 * @param duration how long it took
 * @param error why it failed; {@code null} unless failed
 */
public record ReconcileResult(
    Trigger trigger,
    String revision,
    Optional<CommitInfo> commit,
    Outcome outcome,
    ChangeSet changes,
    DesiredState desired,
    Map<String, Integer> objectsPerRelease,
    Duration duration,
    ReconcileException error) {

  public ReconcileResult {
    commit = commit == null ? Optional.empty() : commit;
    changes = changes == null ? ChangeSet.empty() : changes;
    objectsPerRelease = Collections.unmodifiableMap(new LinkedHashMap<>(objectsPerRelease));
  }

  /** How a reconcile ended. */
  public enum Outcome {
    /** Applied (and pruned): the cluster matches the revision. */
    SYNCED,
    /** Rendered only: no cluster, or dry-run asked for. */
    RENDERED,
    /** Failed: see {@link ReconcileResult#error()}. */
    FAILED,
    /** Not attempted: the revision is the one that stalled last time and nothing changed. */
    SKIPPED
  }

  public boolean succeeded() {
    return outcome == Outcome.SYNCED || outcome == Outcome.RENDERED;
  }

  public Optional<Reason> failureReason() {
    return Optional.ofNullable(error).map(ReconcileException::reason);
  }

  /** True when this failed as stalled on {@code revision}: retrying the same input cannot help. */
  public boolean stalledOn(String candidate) {
    return failureReason().filter(Reason.STALLED::equals).isPresent()
        && revision != null
        && revision.equals(candidate);
  }

  /** True when {@code other} also succeeded, on the same revision. */
  public boolean succeededOnSameRevision(ReconcileResult other) {
    return other.succeeded() && revision != null && revision.equals(other.revision());
  }
}
