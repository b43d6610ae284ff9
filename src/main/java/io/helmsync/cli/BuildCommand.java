package io.helmsync.cli;

import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.helmfile.BuildOutput;
import io.helmsync.model.ReconcileException;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code helmsync build}: the rendered helmfile state, like {@code helmfile build}. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description =
        "Print the helmfile state of the environment after templates, bases and values "
            + "are resolved; secret values are shown as ***. Touches no cluster.")
public class BuildCommand implements Callable<Integer> {
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;
  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    try {
      AgentSettings settings = source.apply(config).withDryRun(true);
      PrintWriter out = spec.commandLine().getOut();
      out.print(BuildOutput.render(pipelines.state(settings), settings.stateFile()));
      out.flush();
      return 0;
    } catch (ReconcileException e) {
      spec.commandLine().getErr().println("helmsync build: " + e.getMessage());
      return 1;
    }
  }
}
