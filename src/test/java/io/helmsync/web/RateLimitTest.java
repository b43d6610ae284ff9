package io.helmsync.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
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
