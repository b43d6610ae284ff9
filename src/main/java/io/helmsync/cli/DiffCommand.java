package io.helmsync.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.Differ;
import io.helmsync.apply.ObjectDiff;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.Inventory;
import io.helmsync.model.DesiredState;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import io.helmsync.secret.Redaction;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helmsync diff}: what a sync would change, as unified diffs; exit 0 when in sync, 2 when
 * not (as {@code helmfile diff --detailed-exitcode}), 1 on error. Secret values are masked. It
 * decides as a sync does (see {@link Differ}): fields {@code HELMSYNC_DRIFT_IGNORE} or {@code
 * helmsync.io/drift: ignore} leave to others are no difference, and only what a prune would delete
 * shows as a deletion, so it exits 0 exactly when a sync would write no object.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description =
        "Show what a sync would change (Secret values masked); exit 0 in sync, 2 if not, 1 on error.")
public class DiffCommand implements Callable<Integer> {
  static final int DIFFERENCES = 2;

  /** When to colour the output. */
  enum Colour {
    AUTO,
    ALWAYS,
    NEVER
  }

  @Mixin SourceOptions source;
  @Spec CommandSpec spec;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description = "auto (on a terminal), always or never.")
  Colour colour = Colour.AUTO;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description =
          "text (unified diffs, default), json or yaml (a list of the objects that would change).")
  OutputFormat output = OutputFormat.TEXT;

  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    AgentSettings settings = source.apply(config);
    if (!pipelines.clusterConfigured()) {
      err.println(
          "helmsync diff: no Kubernetes cluster configured (set KUBECONFIG or run in a pod)");
      return 1;
    }
    try {
      DesiredState desired = pipelines.reconciler(settings.withDryRun(true)).render();
      Differ.Result result =
          diff(pipelines.client(), settings, pipelines.differ(settings), desired);
      List<ObjectDiff> diffs = result.changes();
      print(diffs, Redaction.of(desired.secretValues()));
      err.println(
          diffs.isEmpty() && result.refusedPrune().isEmpty()
              ? "in sync: no differences"
              : diffs.size() + " objects would change");
      result.refusedPrune().ifPresent(err::println);
      return exitCode(result);
    } catch (ReconcileException e) {
      err.println("helmsync diff: " + e.getMessage());
      return 1;
    }
  }

  /**
   * What a sync of {@code desired} would change: the stale objects are those of the inventory a
   * sync reads, and none when pruning is off ({@code HELMSYNC_PRUNE=false}), as for a sync.
   */
  static Differ.Result diff(
      KubernetesClient client, AgentSettings settings, Differ differ, DesiredState desired) {
    Inventory previous =
        new ConfigMapInventoryStore(client, settings.namespace(), settings.environment()).load();
    List<ObjectRef> stale =
        settings.prune() ? previous.staleAgainst(Inventory.of(desired)) : List.of();
    return differ.diff(desired, stale, previous.objects().size(), ApplyOptions.defaults());
  }

  /** 0 when a sync would write no object, {@link #DIFFERENCES} when it would write one. */
  static int exitCode(Differ.Result result) {
    return result.changes().isEmpty() ? 0 : DIFFERENCES;
  }

  /**
   * Prints the diffs with every resolved secret value hidden, in any object: Secrets are already
   * masked by the differ, but a chart may put a secret into a ConfigMap or an environment variable.
   */
  private void print(List<ObjectDiff> diffs, Redaction redaction) {
    PrintWriter out = spec.commandLine().getOut();
    if (output != OutputFormat.TEXT) {
      out.print(output.write(diffs.stream().map(DiffCommand::entry).toList()));
      out.flush();
      return;
    }
    boolean coloured =
        colour == Colour.ALWAYS || (colour == Colour.AUTO && System.console() != null);
    diffs.forEach(
        diff ->
            redaction
                .mask(diff.unified())
                .lines()
                .forEach(line -> out.println(coloured ? paint(line) : line)));
    out.flush();
  }

  /** One object that would change, for scripts; Secret values are masked in the diff as in text. */
  private static Map<String, String> entry(ObjectDiff diff) {
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("object", diff.ref().toString());
    entry.put("release", diff.release());
    entry.put("action", diff.action().label());
    entry.put("diff", diff.unified());
    return entry;
  }

  private static String paint(String line) {
    String code =
        line.startsWith("+++") || line.startsWith("---")
            ? "1"
            : line.startsWith("@@")
                ? "36"
                : line.startsWith("+") ? "32" : line.startsWith("-") ? "31" : null;
    return code == null ? line : "\u001b[" + code + "m" + line + "\u001b[0m";
  }
}
