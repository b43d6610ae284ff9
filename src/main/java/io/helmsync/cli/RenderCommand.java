package io.helmsync.cli;

import io.helmsync.config.HelmsyncConfig;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.YamlDocuments;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code helmsync render}: prints the objects that would be applied, as YAML documents. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Print the manifests that would be applied, with helmsync's labels; touch no cluster.")
public class RenderCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;
  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    try {
      DesiredState desired = pipelines.reconciler(source.apply(config).withDryRun(true)).render();
      PrintWriter out = spec.commandLine().getOut();
      desired.releases().forEach(release -> release.objects().forEach(object -> print(out, release.name(), object)));
      out.flush();
      return 0;
    } catch (ReconcileException e) {
      spec.commandLine().getErr().println("helmsync render: " + e.getMessage());
      return 1;
    }
  }

  private static void print(PrintWriter out, String release, Manifest object) {
    out.println("---");
    out.println("# Release: " + release + ", source: " + object.source());
    out.print(YamlDocuments.write(object.body()));
  }
}
