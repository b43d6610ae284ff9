package io.helmsync.observe;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the health probes report. Liveness: the poll loop ticked recently. Readiness: a state was
 * loaded and a reconcile completed at least once, and this replica leads; later failures show in
 * status and metrics but do not flap readiness, so a bad commit never takes the agent out of its
 * Service.
 */
@ApplicationScoped
public class AgentHealth {
  private final Clock clock;
  private volatile Instant lastTick;
  private volatile Duration tickTimeout = Duration.ofMinutes(2);
  private volatile boolean reconciledOnce;

  /** False while another replica holds the leader Lease: a standby takes no traffic. */
  private volatile boolean leading = true;

  public AgentHealth() {
    this(Clock.systemUTC());
  }

  AgentHealth(Clock clock) {
    this.clock = clock;
  }

  /** Called when the loop starts, with the longest gap between ticks that is still healthy. */
  public void started(Duration tickTimeout) {
    this.tickTimeout = tickTimeout;
    this.lastTick = clock.instant();
  }

  public void ticked() {
    lastTick = clock.instant();
  }

  public void reconciled() {
    reconciledOnce = true;
  }

  /** True until the loop has been started and then stopped ticking for longer than allowed. */
  public boolean live() {
    Instant tick = lastTick;
    return tick == null || Duration.between(tick, clock.instant()).compareTo(tickTimeout) <= 0;
  }

  public boolean ready() {
    return reconciledOnce && leading;
  }

  /** Whether this replica leads (without leader election it always does). */
  public void leading(boolean leads) {
    this.leading = leads;
  }

  public Instant lastTick() {
    return lastTick;
  }
}
