package io.helmsync.reconcile;

import io.helmsync.config.AgentSettings;
import io.helmsync.health.Health;
import io.helmsync.model.DesiredState;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Reason;
import io.helmsync.model.Trigger;
import io.helmsync.observe.AgentHealth;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs reconciles one at a time: on every poll tick, and when asked; whatever is asked for during a
 * reconcile is one reconcile after it. This is the one place where a result becomes status:
 * metrics, readiness, logs, Events, release health, and when to try again (stalled: when the
 * revision or a secret changes, else after {@link Reconciler#STALLED_RETRY}; waiting for health:
 * after {@link #WAITING_RETRY}; transient: exponential backoff; success: next poll).
 */
@ApplicationScoped
public class ReconcileLoop {
  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);
  static final String POLL_JOB = "helmsync-poll";
  static final int HISTORY = 20;

  /** How long a reconcile that waits for health lets the objects progress before it looks again. */
  static final Duration WAITING_RETRY = Duration.ofSeconds(30);

  private final Scheduler scheduler;
  private final ReconcileMetrics metrics;
  private final AgentHealth health;
  private final Clock clock = Clock.systemUTC();
  private final ReentrantLock running = new ReentrantLock();
  private final Backoff backoff = Backoff.defaults();
  private final Executor executor;
  private final AtomicReference<Trigger> pending = new AtomicReference<>();

  /** True from when a run of the pending request is handed to the executor until it ends. */
  private final AtomicBoolean draining = new AtomicBoolean();

  private final Deque<ReconcileSummary> history = new ArrayDeque<>();

  private volatile Reconciler reconciler;
  private volatile AgentSettings settings;
  private volatile SyncEvents events = new SyncEvents(EventSink.NONE);
  private volatile ReleaseHealth releaseHealth = ReleaseHealth.NONE;

  /** The one full result kept: the next reconcile and the status page need its details. */
  private volatile ReconcileResult last;

  private volatile Map<String, String> charts = Map.of();
  private volatile Instant retryNotBefore = Instant.MIN;
  private volatile Map<String, Health> lastReleaseHealth = Map.of();
  private int transientFailures;

  @Inject
  public ReconcileLoop(
      Scheduler scheduler, ReconcileMetrics metrics, AgentHealth health, ManagedExecutor executor) {
    this(scheduler, metrics, health, (Executor) executor);
  }

  /** With the executor that runs requested reconciles given, for tests. */
  ReconcileLoop(
      Scheduler scheduler, ReconcileMetrics metrics, AgentHealth health, Executor executor) {
    this.scheduler = scheduler;
    this.metrics = metrics;
    this.health = health;
    this.executor = executor;
  }

  /**
   * Starts polling every {@code settings.interval()}, the first time right away, reporting no
   * Events.
   */
  public void start(Reconciler reconciler, AgentSettings settings) {
    start(reconciler, settings, new SyncEvents(EventSink.NONE), ReleaseHealth.NONE);
  }

  /**
   * Starts polling every {@code settings.interval()}, the first time right away.
   *
   * @param events where results become Kubernetes Events
   * @param releaseHealth how each release's health is read after a sync
   */
  public void start(
      Reconciler reconciler,
      AgentSettings settings,
      SyncEvents events,
      ReleaseHealth releaseHealth) {
    use(reconciler, settings, events, releaseHealth);
    health.started(settings.interval().multipliedBy(3).plusMinutes(1));
    scheduler
        .newJob(POLL_JOB)
        .setInterval(settings.interval().toString())
        .setConcurrentExecution(ConcurrentExecution.SKIP)
        .setTask(execution -> tick())
        .schedule();
  }

  /**
   * Reconciles with these from now on, when asked or ticked; {@link #start} also schedules the
   * ticks, which tests do themselves.
   */
  void use(
      Reconciler reconciler,
      AgentSettings settings,
      SyncEvents events,
      ReleaseHealth releaseHealth) {
    this.reconciler = Objects.requireNonNull(reconciler);
    this.settings = Objects.requireNonNull(settings);
    this.events = Objects.requireNonNull(events);
    this.releaseHealth = Objects.requireNonNull(releaseHealth);
  }

  /** Stops polling (this replica lost its leadership); {@link #start} starts it again. */
  public void stop() {
    scheduler.unscheduleJob(POLL_JOB);
  }

  void tick() {
    health.ticked();
    if (clock.instant().isBefore(retryNotBefore)) {
      return;
    }
    request(Trigger.of(Trigger.Cause.POLL));
  }

  /**
   * Asks for a reconcile as soon as possible, without waiting for it (polls, webhooks, drift,
   * secret rotation). Requests coalesce: however many arrive while a reconcile runs, they cost one
   * reconcile after it, whose trigger is the strongest of them (the newest of equal ones).
   *
   * @return false when the loop has not been started
   */
  public boolean request(Trigger trigger) {
    if (reconciler == null) {
      return false;
    }
    pending.accumulateAndGet(trigger, ReconcileLoop::merged);
    drain();
    return true;
  }

  /** Runs the pending request on the executor, unless a run is already under way. */
  private void drain() {
    if (pending.get() != null && draining.compareAndSet(false, true)) {
      executor.execute(this::runPending);
    }
  }

  /**
   * Takes the pending request only once the reconcile in progress is over, so that everything asked
   * for meanwhile is in it; then looks for requests that came during this one.
   */
  private void runPending() {
    try {
      running.lock();
      try {
        Trigger trigger = pending.getAndSet(null);
        if (trigger != null) {
          reconcileNow(trigger);
        }
      } finally {
        running.unlock();
      }
    } finally {
      draining.set(false);
    }
    drain();
  }

  /** The newer trigger, unless the one already waiting is stronger. */
  private static Trigger merged(Trigger waiting, Trigger newer) {
    return waiting != null && strength(waiting.cause()) > strength(newer.cause()) ? waiting : newer;
  }

  /** A secret rotation retries a stalled revision; a poll is what would happen anyway. */
  private static int strength(Trigger.Cause cause) {
    return switch (cause) {
      case POLL -> 0;
      case WEBHOOK, DRIFT, MANUAL -> 1;
      case SECRET_ROTATION -> 2;
    };
  }

  /** The settings the loop runs with, once started. */
  public Optional<AgentSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /** Runs one reconcile now, after any that is in progress, and records its result. */
  public ReconcileResult reconcileNow(Trigger trigger) {
    running.lock();
    try {
      ReconcileResult previous = last;
      ReconcileResult result = reconciler.reconcile(trigger, previous);
      // Status first: the page and the API show the result while its health is still being read.
      if (result.outcome() != Outcome.SKIPPED) {
        last = result;
        if (result.desired() != null) {
          charts = chartsOf(result.desired());
        }
        remember(ReconcileSummary.of(result));
      }
      record(previous, result);
      return result;
    } finally {
      running.unlock();
    }
  }

  private void remember(ReconcileSummary result) {
    synchronized (history) {
      history.addFirst(result);
      while (history.size() > HISTORY) {
        history.removeLast();
      }
    }
  }

  /**
   * The last reconciles that were not skipped, newest first (at most {@value #HISTORY}), as
   * summaries: only {@link #last()} holds a desired state.
   */
  public List<ReconcileSummary> history() {
    synchronized (history) {
      return List.copyOf(history);
    }
  }

  /**
   * Each release's chart ({@code name-version}) as last rendered; a failed reconcile renders none.
   */
  public Map<String, String> charts() {
    return charts;
  }

  private static Map<String, String> chartsOf(DesiredState desired) {
    Map<String, String> charts = new LinkedHashMap<>();
    desired.releases().forEach(release -> charts.putIfAbsent(release.name(), release.chart()));
    return Collections.unmodifiableMap(charts);
  }

  /** Each release's health after the last sync; empty in dry-run or before the first sync. */
  public Map<String, Health> releaseHealth() {
    return lastReleaseHealth;
  }

  /** The last result that was not skipped, if any reconcile ran yet. */
  public Optional<ReconcileResult> last() {
    return Optional.ofNullable(last);
  }

  private void record(ReconcileResult previous, ReconcileResult result) {
    if (result.outcome() == Outcome.SKIPPED) {
      LOG.debugf(
          "revision %s stalled before and has not changed; not retrying it yet", result.revision());
      return;
    }
    String environment = settings.environment();
    MDC.put(LogFields.ENVIRONMENT, environment);
    MDC.put(LogFields.REVISION, String.valueOf(result.revision()));
    MDC.put(LogFields.TRIGGER, result.trigger().cause().label());
    MDC.put(LogFields.STAGE, "record");
    try {
      if (result.succeeded()) {
        recordSuccess(previous, result, environment);
      } else {
        recordFailure(result);
      }
      Map<String, Health> releases =
          result.outcome() == Outcome.SYNCED ? releaseHealth.assess(result.desired()) : Map.of();
      if (!releases.isEmpty()) {
        lastReleaseHealth = Map.copyOf(releases);
        metrics.releaseStatus(environment, statusLabels(releases));
      }
      events.recorded(previous, result, releases);
      // Counted last, so that a scrape that sees the count also sees everything else of this
      // result.
      metrics.reconcileFinished(
          environment, result.succeeded() ? "success" : "failure", result.duration());
    } finally {
      LogFields.clear();
    }
  }

  private static Map<String, String> statusLabels(Map<String, Health> releases) {
    Map<String, String> labels = new LinkedHashMap<>();
    releases.forEach(
        (release, health) -> labels.put(release, health.status().name().toLowerCase(Locale.ROOT)));
    return labels;
  }

  private void recordSuccess(ReconcileResult previous, ReconcileResult result, String environment) {
    transientFailures = 0;
    retryNotBefore = Instant.MIN;
    health.reconciled();
    if (result.outcome() == Outcome.RENDERED) {
      boolean newRevision =
          previous == null || !Objects.equals(previous.revision(), result.revision());
      if (newRevision) {
        LOG.infof("dry-run: rendered revision %s; would apply:", result.revision());
        result
            .desired()
            .releases()
            .forEach(
                release ->
                    release
                        .objects()
                        .forEach(
                            object ->
                                logAbout(
                                    release.name(),
                                    object.ref(),
                                    () ->
                                        LOG.infof(
                                            "  %s (release %s)", object.ref(), release.name()))));
      }
      return;
    }
    metrics.objectsChanged(environment, result.changes());
    metrics.synced(
        environment,
        settings.sourceDescription(),
        settings.gitRef(),
        result.revision(),
        result.objectsPerRelease(),
        clock.instant());
    if (!result.changes().writes().isEmpty()
        || previous == null
        || !result.succeededOnSameRevision(previous)) {
      LOG.infof(
          "reconcile completed in %d ms: %s",
          result.duration().toMillis(), result.changes().countByAction());
      result
          .changes()
          .writes()
          .forEach(entry -> logAbout(entry.release(), entry.ref(), () -> LOG.infof("  %s", entry)));
    }
  }

  /** Logs one line about one object, with its release and object fields. */
  private static void logAbout(String release, ObjectRef object, Runnable log) {
    MDC.put(LogFields.RELEASE, release);
    MDC.put(LogFields.OBJECT, object.toString());
    try {
      log.run();
    } finally {
      MDC.remove(LogFields.RELEASE);
      MDC.remove(LogFields.OBJECT);
    }
  }

  private void recordFailure(ReconcileResult result) {
    Reason reason = result.error().reason();
    Duration delay = retryDelay(reason);
    retryNotBefore = clock.instant().plus(delay);
    switch (reason) {
      case TRANSIENT ->
          LOG.warnf(
              "reconcile failed, retrying in %d s: %s",
              delay.toSeconds(), result.error().getMessage());
      case WAITING ->
          LOG.warnf(
              "reconcile waiting for health, looking again in %d s: %s",
              delay.toSeconds(), result.error().getMessage());
      case STALLED ->
          LOG.errorf(
              "reconcile stalled until the revision or a secret changes, or %d"
                  + " minutes pass: %s",
              Reconciler.STALLED_RETRY.toMinutes(), result.error().getMessage());
    }
  }

  /**
   * How long polls wait before the next reconcile after a failure for {@code reason}: backoff for a
   * transient error (counting it), a fixed delay while waiting for health, none when stalled (the
   * reconciler skips a stalled revision itself).
   */
  Duration retryDelay(Reason reason) {
    return switch (reason) {
      case TRANSIENT -> backoff.after(++transientFailures);
      case WAITING -> WAITING_RETRY;
      case STALLED -> Duration.ZERO;
    };
  }
}
