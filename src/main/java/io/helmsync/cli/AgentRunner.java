package io.helmsync.cli;

import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.observe.AgentHealth;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.KubernetesEventSink;
import io.helmsync.reconcile.Leadership;
import io.helmsync.reconcile.ReconcileLoop;
import io.helmsync.reconcile.SyncEvents;
import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Starts the reconcile loop and keeps the process up until it is told to stop. */
@ApplicationScoped
public class AgentRunner {
  private static final Logger LOG = Logger.getLogger(AgentRunner.class);
  private static final String SECRET_REFRESH_JOB = "helmsync-secret-refresh";

  private final Pipelines pipelines;
  private final ReconcileLoop loop;
  private final AgentHealth health;
  private final boolean leaderElection;
  private final Scheduler scheduler;
  private final Duration secretRefresh;

  /** This replica, in the Lease and in Events' reportingInstance: the pod name in a cluster. */
  private final String identity =
      Optional.ofNullable(System.getenv("HOSTNAME"))
          .orElseGet(() -> "helmsync-" + UUID.randomUUID());

  public AgentRunner(
      Pipelines pipelines,
      ReconcileLoop loop,
      AgentHealth health,
      HelmsyncConfig config,
      Scheduler scheduler) {
    this.pipelines = pipelines;
    this.loop = loop;
    this.health = health;
    this.leaderElection = config.leaderElection();
    this.scheduler = scheduler;
    this.secretRefresh = config.secretRefresh();
  }

  int run(AgentSettings configured, boolean dryRun) {
    AgentSettings settings = configured.withDryRun(configured.dryRun() || dryRun);
    if (!settings.dryRun() && !pipelines.clusterConfigured()) {
      LOG.warn(
          "no Kubernetes cluster configured (no kubeconfig, not in a pod): running in dry-run,"
              + " rendering and reporting what would be applied");
      settings = settings.withDryRun(true);
    }
    LOG.infof(
        "helmsync agent started: environment=%s namespace=%s source=%s ref=%s interval=%s%s",
        settings.environment(),
        settings.namespace(),
        settings.sourceDescription(),
        settings.gitRef(),
        settings.interval().toMillis() % 1000 == 0
            ? settings.interval().toSeconds() + "s"
            : settings.interval().toMillis() + "ms",
        settings.dryRun() ? " dry-run" : "");
    EventSink sink = eventSink(settings);
    SyncEvents events = new SyncEvents(sink);
    Pipelines.Agent agent = pipelines.agent(settings, loop::request, sink, events);
    watchSecretRotation();
    AgentSettings running = settings;
    Runnable start = () -> loop.start(agent.reconciler(), running, events, agent.releaseHealth());
    if (settings.dryRun() || !leaderElection) {
      start.run();
    } else {
      leadership(settings).run(roleFor(start));
    }
    Quarkus.waitForExit();
    return 0;
  }

  /**
   * Every {@code HELMSYNC_SECRET_REFRESH}, fetches the cached secrets again; a rotated (or newly
   * created) one asks for a {@code secret-rotation} reconcile at once instead of at the next
   * commit. A replica that is not leading has loaded nothing, so its refresh calls no one.
   */
  private void watchSecretRotation() {
    if (secretRefresh.isZero()) {
      return;
    }
    scheduler
        .newJob(SECRET_REFRESH_JOB)
        .setInterval(secretRefresh.toString())
        .setConcurrentExecution(ConcurrentExecution.SKIP)
        .setTask(execution -> refreshSecrets())
        .schedule();
  }

  private void refreshSecrets() {
    try {
      if (pipelines.secrets().refresh()) {
        LOG.info("a secret changed; reconciling");
        loop.request(Trigger.of(Trigger.Cause.SECRET_ROTATION));
      }
    } catch (ReconcileException e) {
      LOG.warnf("secret refresh failed, keeping the cached values: %s", e.getMessage());
    }
  }

  /** Events on the inventory ConfigMap; none in dry-run, which must write nothing. */
  private EventSink eventSink(AgentSettings settings) {
    if (settings.dryRun()) {
      return EventSink.NONE;
    }
    ObjectRef inventory =
        new ObjectRef(
            "v1",
            "ConfigMap",
            settings.namespace(),
            ConfigMapInventoryStore.name(settings.environment()));
    return new KubernetesEventSink(pipelines.client(), inventory, identity, Clock.systemUTC());
  }

  private Leadership leadership(AgentSettings settings) {
    return new Leadership(
        pipelines.client(),
        settings.namespace(),
        settings.environment(),
        identity,
        Leadership.Timing.DEFAULTS);
  }

  private Leadership.Role roleFor(Runnable start) {
    health.leading(false);
    return new Leadership.Role() {
      @Override
      public void lead() {
        health.leading(true);
        start.run();
      }

      @Override
      public void standBy() {
        health.leading(false);
        loop.stop();
      }
    };
  }
}
