package io.helmsync.reconcile;

import io.helmsync.model.Action;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One past reconcile as the loop's history keeps it: what it did, not what it declared, so that the
 * history costs the same few hundred bytes per entry whatever the size of the environment.
 *
 * @param revision the revision it worked on; {@code null} when the source could not be read
 * @param changes how many objects each action touched; empty unless synced
 * @param objects how many objects the releases manage after it
 * @param message the first line of the error; empty unless failed
 */
public record ReconcileSummary(
    Trigger trigger,
    String revision,
    Outcome outcome,
    Duration duration,
    Map<Action, Long> changes,
    int objects,
    String message) {

  public ReconcileSummary {
    Map<Action, Long> inOrder = new EnumMap<>(Action.class);
    inOrder.putAll(changes);
    changes = Collections.unmodifiableMap(inOrder);
  }

  public static ReconcileSummary of(ReconcileResult result) {
    return new ReconcileSummary(
        result.trigger(),
        result.revision(),
        result.outcome(),
        result.duration(),
        result.changes().countByAction(),
        result.objectsPerRelease().values().stream().mapToInt(Integer::intValue).sum(),
        result.error() == null ? "" : result.error().getMessage().lines().findFirst().orElse(""));
  }

  /** When it ended. */
  public Instant finishedAt() {
    return trigger.at().plus(duration);
  }
}
