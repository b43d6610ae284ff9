package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helmsync.testing.ApplyMockServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeadershipTest {
  private static final Leadership.Timing FAST =
      new Leadership.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));

  private ApplyMockServer server;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A role that counts how often it was told to lead and whether it leads now. */
  static final class CountingRole implements Leadership.Role {
    final AtomicInteger led = new AtomicInteger();
    volatile boolean leading;

    @Override
    public void lead() {
      led.incrementAndGet();
      leading = true;
    }

    @Override
    public void standBy() {
      leading = false;
    }
  }

  @Test
  void ofTwoAgentsOnlyOneLeadsAndTheOtherTakesOverWhenItLeaves() throws Exception {
    CountingRole first = new CountingRole();
    CountingRole second = new CountingRole();
    Leadership a = new Leadership(server.client(), "demo", "demo", "agent-a", FAST);
    Leadership b = new Leadership(server.client(), "demo", "demo", "agent-b", FAST);
    a.run(first);
    await().atMost(Duration.ofSeconds(10)).until(() -> first.leading);
    b.run(second);
    Thread.sleep(3000);
    assertThat(second.led.get()).as("the standby never led while the Lease was held").isZero();
    assertThat(
            server
                .client()
                .leases()
                .inNamespace("demo")
                .withName("helmsync-demo")
                .get()
                .getSpec()
                .getHolderIdentity())
        .isEqualTo("agent-a");

    a.close();
    await().atMost(Duration.ofSeconds(15)).until(() -> second.leading);
    assertThat(first.led.get()).isEqualTo(1);
    b.close();
  }
}
