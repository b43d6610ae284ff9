package io.helmsync.reconcile;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retrying after transient failures: 1 s doubling to 5 min, with up to 20% jitter so
 * that many agents hit by the same outage do not retry in step.
 */
public record Backoff(Duration initial, Duration max) {

  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /** The delay after {@code failures} consecutive failures (1 for the first). */
  public Duration after(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long millis = Math.min(initial.toMillis() << doublings, max.toMillis());
    long jitter = (long) (millis * 0.2 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.min(millis + jitter, max.toMillis()));
  }
}
