package io.helmsync.health;

import java.util.Objects;

/**
 * The health of one object and why, in words a person on call can act on ("Waiting for rollout to
 * finish: 1 of 3 updated replicas are available"). The message does not name the object: whoever
 * reports it pairs it with the object's reference.
 *
 * @param status the verdict
 * @param message why, or empty when there is nothing to add
 */
public record Health(HealthStatus status, String message) {
  public Health {
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  public static Health healthy(String message) {
    return new Health(HealthStatus.HEALTHY, message);
  }

  public static Health suspended(String message) {
    return new Health(HealthStatus.SUSPENDED, message);
  }

  public static Health progressing(String message) {
    return new Health(HealthStatus.PROGRESSING, message);
  }

  public static Health degraded(String message) {
    return new Health(HealthStatus.DEGRADED, message);
  }

  public static Health unknown(String message) {
    return new Health(HealthStatus.UNKNOWN, message);
  }
}
