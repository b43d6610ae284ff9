package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.Reason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the loop reconciles again after a failure, by the failure's {@link Reason}. */
class ReconcileLoopTest {
  private final ReconcileLoop loop = new ReconcileLoop(null, null, null, null);

  @Test
  void waitingForHealthLooksAgainAfterAFixedDelayWithoutBackingOff() {
    Duration firstTransient = loop.retryDelay(Reason.TRANSIENT);
    Duration waiting = loop.retryDelay(Reason.WAITING);
    Duration secondTransient = loop.retryDelay(Reason.TRANSIENT);
    Duration stalled = loop.retryDelay(Reason.STALLED);

    assertThat(firstTransient).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1200));
    assertThat(waiting).isEqualTo(ReconcileLoop.WAITING_RETRY).isEqualTo(Duration.ofSeconds(30));
    assertThat(secondTransient).as("a wait for health is not a transient failure to count")
        .isBetween(Duration.ofSeconds(2), Duration.ofMillis(2400));
    assertThat(stalled).as("the reconciler itself skips a stalled revision").isZero();
  }
}
