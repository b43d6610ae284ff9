package io.helmsync.reconcile;

import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.Holds;
import io.helmsync.apply.LiveComparison;
import io.helmsync.apply.ManagedFieldsV1;
import io.helmsync.cluster.ManagedObjectCache;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Trigger;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Finds drift and puts it back. A change to a managed object is drift when the object no longer
 * holds the fields Git declares (after normalisation, outside ignored paths, confirmed by a
 * server-side dry-run) and another field manager made it, or when someone deleted the object. Drift
 * is counted in {@code helmsync_drifted_objects}; with self-heal on and not suspended it asks for a
 * {@code drift} reconcile, which re-applies only the drifted objects, as the others match.
 *
 * <p>A drift that keeps coming back (another controller fighting helmsync) is corrected with
 * backoff, 1 s doubling to 5 min: {@link #reason} holds the object back from every apply until
 * then, and each correction is reported (a Warning Event from the third in a row on).
 */
public final class DriftWatch implements ManagedObjectCache.Listener, Holds, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DriftWatch.class);

  /** A drift back within this time after its correction continues a streak. */
  static final Duration RECURRENCE_WINDOW = Duration.ofMinutes(10);

  static final int RECURRING = 3;
  static final String DELETED = "(the whole object: deleted)";

  /** Confirms a difference with the API server before it counts as drift. */
  @FunctionalInterface
  public interface Confirmation {
    boolean wouldChange(
        Map<String, Object> desired, Map<String, Object> live, List<String> ignored);
  }

  /** One drifted object: the paths that differ, and who changed them (never values). */
  record Drift(String release, List<String> paths, Set<String> managers) {
    String describe() {
      String fields =
          paths.size() <= 5
              ? String.join(", ", paths)
              : String.join(", ", paths.subList(0, 5)) + " and " + (paths.size() - 5) + " more";
      return fields + (managers.isEmpty() ? "" : " changed by " + String.join(", ", managers));
    }
  }

  /** Corrections in a row, the last one, and when the next may be made (jitter drawn once). */
  private record Streak(int corrections, Instant last, Instant next) {}

  private record Expected(String release, Manifest manifest) {}

  private final String environment;
  private final DriftPolicy policy;
  private final Confirmation confirmation;
  private final ReconcileMetrics metrics;
  private final EventSink events;
  private final Consumer<Trigger> heal;
  private final boolean selfHeal;
  private final Backoff backoff;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "helmsync-drift");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<ObjectRef, Expected> expected = new HashMap<>();
  private final Map<ObjectRef, Drift> drifted = new LinkedHashMap<>();
  private final Map<ObjectRef, Streak> streaks = new HashMap<>();
  private String revision = "";
  private boolean suspended;
  private boolean applying;

  /**
   * @param heal asks for a reconcile (the loop's {@code request}); called from a timer thread
   */
  public DriftWatch(
      String environment,
      DriftPolicy policy,
      Confirmation confirmation,
      ReconcileMetrics metrics,
      EventSink events,
      Consumer<Trigger> heal,
      boolean selfHeal,
      Backoff backoff,
      Clock clock) {
    this.environment = environment;
    this.policy = policy;
    this.confirmation = confirmation;
    this.metrics = metrics;
    this.events = events;
    this.heal = heal;
    this.selfHeal = selfHeal;
    this.backoff = backoff;
    this.clock = clock;
  }

  /** What Git declares now; set before each apply so that helmsync's own changes are not drift. */
  public synchronized void expect(DesiredState desired, boolean suspended) {
    this.suspended = suspended;
    this.revision = desired.revision();
    expected.clear();
    for (DesiredRelease release : desired.releases()) {
      release
          .objects()
          .forEach(object -> expected.put(object.ref(), new Expected(release.name(), object)));
    }
    drifted.keySet().removeIf(ref -> !expected.containsKey(ref));
    publishGauge();
  }

  @Override
  public void changed(ObjectRef ref, Map<String, Object> live) {
    Expected wanted;
    synchronized (this) {
      wanted = expected.get(ref);
    }
    if (wanted == null) {
      return;
    }
    Optional<Drift> drift = assess(wanted, live);
    if (drift.isPresent()
        && !confirmation.wouldChange(
            wanted.manifest().body(), live, policy.pathsFor(ref, live, Ownership.FIELD_MANAGER))) {
      LOG.debugf(
          "%s: %s, but a server-side dry-run apply would change nothing; not drift",
          ref, drift.get().describe());
      drift = Optional.empty();
    }
    found(ref, drift);
  }

  @Override
  public void deleted(ObjectRef ref) {
    Expected wanted;
    synchronized (this) {
      wanted = expected.get(ref);
    }
    if (wanted != null) {
      found(ref, Optional.of(new Drift(wanted.release(), List.of(DELETED), Set.of())));
    }
  }

  /**
   * Whether {@code live} has drifted from what Git declares for it, without asking the server: for
   * reports that must not write, such as a suspended reconcile.
   */
  Optional<Drift> assess(ObjectRef ref, Map<String, Object> live) {
    Expected wanted;
    synchronized (this) {
      wanted = expected.get(ref);
    }
    return wanted == null ? Optional.empty() : assess(wanted, live);
  }

  private Optional<Drift> assess(Expected wanted, Map<String, Object> live) {
    ObjectRef ref = wanted.manifest().ref();
    List<String> ignored = policy.pathsFor(ref, live, Ownership.FIELD_MANAGER);
    List<String> paths = LiveComparison.differences(wanted.manifest().body(), live, ignored);
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    Set<String> managers = ManagedFieldsV1.managersOf(live, paths, Ownership.FIELD_MANAGER);
    // Only helmsync wrote it: the cache shows one of helmsync's own applies, not drift.
    return managers.isEmpty()
        ? Optional.empty()
        : Optional.of(new Drift(wanted.release(), paths, managers));
  }

  /** Records what an assessment found (or that the object is back in line). */
  void found(ObjectRef ref, Optional<Drift> drift) {
    Duration wait;
    synchronized (this) {
      if (drift.isEmpty()) {
        // While applying, this is helmsync's own correction: corrected() counts it.
        if (!applying && drifted.remove(ref) != null) {
          publishGauge();
        }
        return;
      }
      boolean isNew = !drift.get().equals(drifted.put(ref, drift.get()));
      publishGauge();
      if (isNew) {
        LOG.infof(
            "%s drifted: %s%s",
            ref,
            drift.get().describe(),
            suspended ? " (suspended: not corrected)" : selfHeal ? "" : " (self-heal is off)");
      }
      if (suspended || !selfHeal) {
        return;
      }
      Instant now = clock.instant();
      Instant until = holdUntil(ref);
      wait = until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }
    timer.schedule(
        () -> heal.accept(Trigger.of(Trigger.Cause.DRIFT)), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Instant holdUntil(ObjectRef ref) {
    Streak streak = streaks.get(ref);
    if (streak == null
        || Duration.between(streak.last(), clock.instant()).compareTo(RECURRENCE_WINDOW) > 0) {
      return Instant.MIN;
    }
    return streak.next();
  }

  @Override
  public synchronized Optional<String> reason(ObjectRef ref) {
    Instant until = holdUntil(ref);
    if (!drifted.containsKey(ref) || !clock.instant().isBefore(until)) {
      return Optional.empty();
    }
    return Optional.of(
        "drift keeps coming back (corrected "
            + streaks.get(ref).corrections()
            + " times in a row); next correction at "
            + until);
  }

  /** Marks the start of an apply, whose own changes must not clear the drift it corrects. */
  public synchronized void applying() {
    applying = true;
  }

  /**
   * Ends an apply: counts and reports the drifted objects that {@code changes} put back, a metric
   * and a {@code DriftCorrected} Event on each, naming the fields and who had changed them; forgets
   * those that turned out to match again without helmsync.
   */
  public void applied(ChangeSet changes) {
    synchronized (this) {
      applying = false;
    }
    for (ChangeSet.Entry entry : changes.entries()) {
      Drift drift;
      Streak streak;
      synchronized (this) {
        if (entry.action() == Action.UNCHANGED && drifted.remove(entry.ref()) != null) {
          publishGauge();
        }
        if (entry.action() != Action.CONFIGURED && entry.action() != Action.CREATED) {
          continue;
        }
        drift = drifted.remove(entry.ref());
        if (drift == null) {
          continue;
        }
        streak = streak(entry.ref());
        publishGauge();
      }
      report(entry.ref(), drift, streak);
    }
  }

  private Streak streak(ObjectRef ref) {
    Instant now = clock.instant();
    Streak previous = streaks.get(ref);
    int inARow =
        previous != null && Duration.between(previous.last(), now).compareTo(RECURRENCE_WINDOW) <= 0
            ? previous.corrections() + 1
            : 1;
    Streak streak = new Streak(inARow, now, now.plus(backoff.after(inARow)));
    streaks.put(ref, streak);
    return streak;
  }

  private void report(ObjectRef ref, Drift drift, Streak streak) {
    int inARow = streak.corrections();
    metrics.driftCorrected(environment, drift.release());
    String message = drift.describe() + "; restored from Git revision " + shortRevision();
    if (inARow >= RECURRING) {
      message +=
          "; corrected "
              + inARow
              + " times in a row: something keeps changing it, so the"
              + " next correction waits until "
              + streak.next()
              + " (set "
              + "helmsync.io/drift: ignore or HELMSYNC_DRIFT_IGNORE to leave it alone)";
      LOG.warnf("%s drift corrected again: %s", ref, message);
    } else {
      LOG.infof("%s drift corrected: %s", ref, message);
    }
    events.object(
        ref,
        inARow >= RECURRING ? EventSink.Type.WARNING : EventSink.Type.NORMAL,
        "DriftCorrected",
        message);
  }

  private String shortRevision() {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  private void publishGauge() {
    Map<String, Integer> perRelease = new LinkedHashMap<>();
    expected.values().forEach(wanted -> perRelease.putIfAbsent(wanted.release(), 0));
    drifted.values().forEach(drift -> perRelease.merge(drift.release(), 1, Integer::sum));
    metrics.drifted(environment, perRelease);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
