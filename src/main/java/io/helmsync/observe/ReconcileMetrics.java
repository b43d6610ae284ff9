package io.helmsync.observe;

import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * helmsync's Prometheus metrics, named as in DESIGN.md. Labels are bounded: environment, result,
 * release and action only; the revision appears on {@code helmsync_info} alone.
 */
@ApplicationScoped
public class ReconcileMetrics {
  /** Histogram bounds: from a no-op reconcile (well under a second) to a slow rollout. */
  private static final Duration[] DURATION_BUCKETS =
      Stream.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
          .map(seconds -> Duration.ofMillis((long) (seconds * 1000)))
          .toArray(Duration[]::new);

  /**
   * Histogram bounds: from an ls-remote on a near server to a first clone of a large repository.
   */
  private static final Duration[] FETCH_BUCKETS =
      Stream.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
          .map(seconds -> Duration.ofMillis((long) (seconds * 1000)))
          .toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final MultiGauge info;
  private final MultiGauge managedObjects;
  private final MultiGauge driftedObjects;
  private final MultiGauge releaseStatus;
  private final Map<String, AtomicLong> lastSuccessEpochSeconds = new ConcurrentHashMap<>();
  private volatile Map<String, Integer> driftedPerRelease = Map.of();

  public ReconcileMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.info =
        MultiGauge.builder("helmsync.info")
            .description("The revision helmsync last applied, as labels; the value is always 1")
            .register(registry);
    this.managedObjects =
        MultiGauge.builder("helmsync.managed.objects")
            .description("Objects helmsync manages, per release")
            .register(registry);
    this.releaseStatus =
        MultiGauge.builder("helmsync.release.status")
            .description(
                "1 for each release's current health: healthy, suspended, progressing, degraded or unknown")
            .register(registry);
    this.driftedObjects =
        MultiGauge.builder("helmsync.drifted.objects")
            .description(
                "Managed objects that differ from Git because another manager changed them")
            .register(registry);
  }

  /** Sets the drifted objects of every release (zero for those with none). */
  public void drifted(String environment, Map<String, Integer> perRelease) {
    driftedPerRelease = Map.copyOf(perRelease);
    driftedObjects.register(
        perRelease.entrySet().stream()
            .map(
                entry ->
                    MultiGauge.Row.of(
                        Tags.of("environment", environment, "release", entry.getKey()),
                        entry.getValue()))
            .toList(),
        true);
  }

  /** The drifted objects per release as last set, for the status page (empty before any watch). */
  public Map<String, Integer> driftedPerRelease() {
    return driftedPerRelease;
  }

  /** Counts one drifted object put back as Git declares it. */
  public void driftCorrected(String environment, String release) {
    Counter.builder("helmsync.drift.corrections")
        .description("Drifted objects put back as Git declares them")
        .tags("environment", environment, "release", release)
        .register(registry)
        .increment();
  }

  /**
   * Records a finished reconcile.
   *
   * @param result {@code success} or {@code failure}
   */
  public void reconcileFinished(String environment, String result, Duration duration) {
    Counter.builder("helmsync.reconcile")
        .description("Reconciles by result")
        .tags("environment", environment, "result", result)
        .register(registry)
        .increment();
    Timer.builder("helmsync.reconcile.duration")
        .description("How long reconciles take, by result")
        .tags("environment", environment, "result", result)
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry)
        .record(duration);
  }

  /** Records a successful sync of {@code revision}: timestamp, info and managed object counts. */
  public void synced(
      String environment,
      String repo,
      String branch,
      String revision,
      Map<String, Integer> objectsPerRelease,
      Instant at) {
    lastSuccessEpochSeconds
        .computeIfAbsent(environment, this::registerLastSuccess)
        .set(at.getEpochSecond());
    info.register(
        List.of(
            MultiGauge.Row.of(
                Tags.of(
                    "environment",
                    environment,
                    "repo",
                    repo,
                    "branch",
                    branch,
                    "revision",
                    revision),
                1)),
        true);
    managedObjects.register(
        objectsPerRelease.entrySet().stream()
            .map(
                entry ->
                    MultiGauge.Row.of(
                        Tags.of("environment", environment, "release", entry.getKey()),
                        entry.getValue()))
            .toList(),
        true);
  }

  /**
   * Sets each release's health after a sync; releases no longer declared disappear.
   *
   * @param statusPerRelease healthy, suspended, progressing, degraded or unknown
   */
  public void releaseStatus(String environment, Map<String, String> statusPerRelease) {
    releaseStatus.register(
        statusPerRelease.entrySet().stream()
            .map(
                entry ->
                    MultiGauge.Row.of(
                        Tags.of(
                            "environment",
                            environment,
                            "release",
                            entry.getKey(),
                            "status",
                            entry.getValue()),
                        1))
            .toList(),
        true);
  }

  /**
   * Times one look at the Git remote (ls-remote, and the fetch when the revision moved).
   *
   * @param result {@code success} or {@code failure}
   */
  public void gitFetched(String result, Duration duration) {
    Timer.builder("helmsync.git.fetch.duration")
        .description("How long looking at the Git remote and fetching take, by result")
        .tags("result", result)
        .serviceLevelObjectives(FETCH_BUCKETS)
        .register(registry)
        .record(duration);
  }

  private AtomicLong registerLastSuccess(String environment) {
    AtomicLong seconds = new AtomicLong();
    registry.gauge(
        "helmsync.last.success.timestamp.seconds", Tags.of("environment", environment), seconds);
    return seconds;
  }

  /** Counts what an apply and prune did to objects, by action. */
  public void objectsChanged(String environment, ChangeSet changes) {
    changes
        .countByAction()
        .forEach(
            (action, count) -> {
              Counter.builder("helmsync.apply.objects")
                  .description("Objects handled by apply and prune, by action")
                  .tags("environment", environment, "action", action.label())
                  .register(registry)
                  .increment(count);
              if (action == Action.DELETED) {
                Counter.builder("helmsync.pruned.objects")
                    .description("Objects deleted because Git no longer declares them")
                    .tags("environment", environment)
                    .register(registry)
                    .increment(count);
              }
            });
  }

  /**
   * Counts one request to a secret store (a batch is one).
   *
   * @param backend {@code awssecrets} or {@code k8s}
   * @param result success, not_found, access_denied, throttled, error
   */
  public void secretRequested(String backend, String result) {
    Counter.builder("helmsync.secret.requests")
        .description("Requests to secret stores by backend and how they ended")
        .tags("backend", backend, "result", result)
        .register(registry)
        .increment();
  }

  /**
   * Counts a webhook delivery.
   *
   * @param result accepted, ignored, ping, unauthorized, rate_limited, invalid, disabled,
   *     not_running
   */
  public void webhookReceived(String provider, String result) {
    Counter.builder("helmsync.webhook.requests")
        .description("Webhook deliveries by provider and what became of them")
        .tags("provider", provider, "result", result)
        .register(registry)
        .increment();
  }
}
