package io.helmsync.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.LiveObjects;
import io.helmsync.health.Health;
import io.helmsync.health.HealthAssessor;
import io.helmsync.health.HealthStatus;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Waits until a release's objects are healthy, as {@code helm --wait} does: reads each live object
 * and asks {@link HealthAssessor}; done when all are healthy or suspended, failed as soon as one is
 * degraded (waiting longer will not help), or when the timeout passes with one still progressing.
 */
public final class HealthWaiter {
  private static final Logger LOG = Logger.getLogger(HealthWaiter.class);

  /** Sleeps between polls; a test passes one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * Why the objects did not become healthy.
   *
   * @param message names the object ({@code Deployment/demo/api: Waiting for rollout to finish: ...
   *     (timed out after 300s)})
   * @param timedOut true when the object was still progressing at the timeout, so that waiting
   *     longer may be all it needs; false when it is degraded or the wait was interrupted
   */
  public record NotHealthy(String message, boolean timedOut) {}

  private final LiveHealth live;
  private final Duration pollInterval;
  private final Sleeper sleeper;

  public HealthWaiter(KubernetesClient client, Duration pollInterval, Sleeper sleeper) {
    this.live = new LiveHealth(LiveObjects.reading(client));
    this.pollInterval = pollInterval;
    this.sleeper = sleeper;
  }

  public static HealthWaiter create(KubernetesClient client) {
    return new HealthWaiter(
        client, Duration.ofSeconds(2), duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * @return empty when every object became healthy, else why not
   */
  public Optional<NotHealthy> await(List<Manifest> objects, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Unhealthy shown = null;
    while (true) {
      Optional<Unhealthy> first = firstUnhealthy(objects);
      if (first.isEmpty()) {
        return Optional.empty();
      }
      Unhealthy unhealthy = first.get();
      // A progress line for people watching a long wait; only when the reason changes.
      if (!unhealthy.equals(shown)) {
        LOG.infof("waiting: %s", unhealthy.describe(readable(remaining(deadline)) + " left"));
        shown = unhealthy;
      }
      if (unhealthy.health().status() == HealthStatus.DEGRADED) {
        return Optional.of(new NotHealthy(unhealthy.describe("degraded"), false));
      }
      if (System.nanoTime() >= deadline) {
        return Optional.of(
            new NotHealthy(unhealthy.describe("timed out after " + readable(timeout)), true));
      }
      try {
        sleeper.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(new NotHealthy(unhealthy.describe("interrupted while waiting"), false));
      }
    }
  }

  private static Duration remaining(long deadline) {
    return Duration.ofSeconds(Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L));
  }

  private static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private record Unhealthy(ObjectRef ref, Health health) {
    String describe(String outcome) {
      String message = health.message().isEmpty() ? health.status().toString() : health.message();
      return ref + ": " + message + " (" + outcome + ")";
    }
  }

  private Optional<Unhealthy> firstUnhealthy(List<Manifest> objects) {
    for (Manifest object : objects) {
      Health health = live.of(object);
      if (health.status() != HealthStatus.HEALTHY && health.status() != HealthStatus.SUSPENDED) {
        return Optional.of(new Unhealthy(object.ref(), health));
      }
    }
    return Optional.empty();
  }
}
