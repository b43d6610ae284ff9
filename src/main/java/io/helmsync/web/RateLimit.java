package io.helmsync.web;

import java.time.Clock;

/**
 * A token bucket: {@code perSecond} tokens a second, up to twice that saved for bursts. Webhook
 * endpoints are public; this keeps a flood (or a replayed delivery) from queueing reconciles.
 */
final class RateLimit {
  private final double perSecond;
  private final double capacity;
  private final Clock clock;
  private double tokens;
  private long lastRefillMillis;

  RateLimit(int perSecond, Clock clock) {
    this.perSecond = perSecond;
    this.capacity = perSecond * 2.0;
    this.clock = clock;
    this.tokens = capacity;
    this.lastRefillMillis = clock.millis();
  }

  synchronized boolean tryAcquire() {
    long now = clock.millis();
    tokens = Math.min(capacity, tokens + (now - lastRefillMillis) * perSecond / 1000.0);
    lastRefillMillis = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
