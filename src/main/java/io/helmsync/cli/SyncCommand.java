package io.helmsync.cli;

import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helmsync sync --once}: one reconcile against the cluster, then exit. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Apply the state once and prune what Git removed; exit 0 when synced, 1 if not.")
public class SyncCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;

  @Option(
      names = "--once",
      required = true,
      description = "Run one reconcile and exit (the continuous loop is `helmsync agent`).")
  boolean once;

  @Option(names = "--dry-run", description = "Render and report; write nothing to the cluster.")
  boolean dryRun;

  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AgentSettings settings = source.apply(config);
    settings = settings.withDryRun(settings.dryRun() || dryRun);
    if (!settings.dryRun() && !pipelines.clusterConfigured()) {
      err.println(
          "helmsync sync: no Kubernetes cluster configured (set KUBECONFIG or run in a pod);"
              + " use --dry-run or `helmsync render` to see what would be applied");
      return 1;
    }
    ReconcileResult result =
        pipelines.reconciler(settings).reconcile(Trigger.of(Trigger.Cause.MANUAL), null);
    PrintWriter out = spec.commandLine().getOut();
    result.changes().entries().forEach(out::println);
    out.flush();
    if (!result.succeeded()) {
      err.println("helmsync sync: " + result.error().getMessage());
      return 1;
    }
    out.printf(
        "revision %s %s: %s%n",
        result.revision(),
        result.outcome().name().toLowerCase(java.util.Locale.ROOT),
        result.objectsPerRelease());
    return 0;
  }
}
