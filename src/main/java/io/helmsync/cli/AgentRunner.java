package io.helmsync.cli;

import io.helmsync.config.AgentSettings;
import io.helmsync.reconcile.ReconcileLoop;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Starts the reconcile loop and keeps the process up until it is told to stop. */
@ApplicationScoped
public class AgentRunner {
  private static final Logger LOG = Logger.getLogger(AgentRunner.class);

  private final Pipelines pipelines;
  private final ReconcileLoop loop;

  public AgentRunner(Pipelines pipelines, ReconcileLoop loop) {
    this.pipelines = pipelines;
    this.loop = loop;
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
    loop.start(pipelines.reconciler(settings), settings);
    Quarkus.waitForExit();
    return 0;
  }
}
