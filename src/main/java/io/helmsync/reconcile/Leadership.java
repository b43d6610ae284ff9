package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Leader election on a {@code coordination.k8s.io} Lease named {@code helmsync-ENVIRONMENT}, so
 * that two replicas of the agent can run with one writing: only the leader reconciles. A replica
 * that loses the Lease stops reconciling at once and stands again; a standby is not ready, so
 * Services (webhooks, the status page) reach the leader.
 */
public final class Leadership {
  private static final Logger LOG = Logger.getLogger(Leadership.class);

  /** What leading means: start reconciling, and stop when the Lease is lost. */
  public interface Role {
    void lead();

    void standBy();
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String leaseName;
  private final String identity;
  private final Timing timing;

  /** The current competition; cancelling it releases the Lease (releaseOnCancel). */
  private volatile CompletableFuture<?> competing;

  private volatile boolean closed;

  /**
   * How long a Lease lasts, how long the leader may fail to renew it before giving up, and how
   * often candidates try. Kubernetes' controllers use 15 s, 10 s and 2 s.
   */
  public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static final Timing DEFAULTS =
        new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  public Leadership(
      KubernetesClient client,
      String namespace,
      String environment,
      String identity,
      Timing timing) {
    this.client = client;
    this.namespace = namespace;
    this.leaseName = "helmsync-" + environment;
    this.identity = identity;
    this.timing = timing;
  }

  /** Competes for the Lease in the background, and again each time it is lost, until closed. */
  public void run(Role role) {
    if (closed) {
      return;
    }
    LeaderElector elector = client.leaderElector().withConfig(config(role)).build();
    CompletableFuture<?> lost = elector.start();
    competing = lost;
    lost.whenComplete(
        (ignored, error) -> {
          if (!closed) {
            run(role);
          }
        });
  }

  /** Gives the Lease up (if held) and stops competing. */
  public void close() {
    closed = true;
    CompletableFuture<?> current = competing;
    if (current != null) {
      current.cancel(true);
    }
  }

  private LeaderElectionConfig config(Role role) {
    return new LeaderElectionConfigBuilder()
        .withName(leaseName)
        .withLock(new LeaseLock(namespace, leaseName, identity))
        .withLeaseDuration(timing.leaseDuration())
        .withRenewDeadline(timing.renewDeadline())
        .withRetryPeriod(timing.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(
            new LeaderCallbacks(
                () -> {
                  LOG.infof("leading: holding Lease %s/%s as %s", namespace, leaseName, identity);
                  role.lead();
                },
                () -> {
                  LOG.warnf("lost Lease %s/%s: standing by", namespace, leaseName);
                  role.standBy();
                },
                leader -> LOG.infof("leader of %s/%s is %s", namespace, leaseName, leader)))
        .build();
  }
}
