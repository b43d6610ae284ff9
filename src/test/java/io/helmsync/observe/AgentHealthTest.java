package io.helmsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AgentHealthTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T00:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  @Test
  void liveWhileTheLoopTicksWithinItsTimeout() {
    AgentHealth health = new AgentHealth(clock);
    assertThat(health.live()).isTrue();
    health.started(Duration.ofMinutes(2));
    now.set(now.get().plus(Duration.ofSeconds(90)));
    assertThat(health.live()).isTrue();
    health.ticked();
    now.set(now.get().plus(Duration.ofSeconds(121)));
    assertThat(health.live()).isFalse();
  }

  @Test
  void readyOnlyAfterAReconcileCompletedAndThenForGood() {
    AgentHealth health = new AgentHealth(clock);
    assertThat(health.ready()).isFalse();
    health.reconciled();
    assertThat(health.ready()).isTrue();
  }
}
