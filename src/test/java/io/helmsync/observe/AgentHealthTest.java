package io.helmsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentHealthTest {
  private final ManualClock clock = new ManualClock();

  @Test
  void liveWhileTheLoopTicksWithinItsTimeout() {
    AgentHealth health = new AgentHealth(clock);
    assertThat(health.live()).isTrue();
    health.started(Duration.ofMinutes(2));
    clock.advance(Duration.ofSeconds(90));
    assertThat(health.live()).isTrue();
    health.ticked();
    clock.advance(Duration.ofSeconds(121));
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
