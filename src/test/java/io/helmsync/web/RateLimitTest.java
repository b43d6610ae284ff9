package io.helmsync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void allowsABurstOfTwiceTheRateThenRefillsOverTime() {
    ManualClock clock = new ManualClock();
    RateLimit limit = new RateLimit(5, clock);

    int allowed = 0;
    while (limit.tryAcquire()) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(10);

    clock.advance(Duration.ofMillis(200));
    assertThat(limit.tryAcquire()).isTrue();
    assertThat(limit.tryAcquire()).isFalse();

    clock.advance(Duration.ofMinutes(1));
    allowed = 0;
    while (limit.tryAcquire()) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(10);
  }
}
