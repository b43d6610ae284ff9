package io.helmsync.cli;

import io.helmsync.config.HelmsyncConfig;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code helmsync}: without a command, runs the agent. */
@Command(
    name = "helmsync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keeps a namespace in sync with the helmfile state in a Git repository.",
    subcommands = {HelmsyncCommand.Agent.class, RenderCommand.class, SyncCommand.class})
public class HelmsyncCommand implements Callable<Integer> {
  @Mixin SourceOptions source;

  @Option(names = "--dry-run", description = "Render and report; write nothing to the cluster.")
  boolean dryRun;

  @Inject HelmsyncConfig config;
  @Inject AgentRunner runner;

  @Override
  public Integer call() {
    return runner.run(source.apply(config), dryRun);
  }

  /** {@code helmsync agent}: the continuous loop plus the HTTP endpoints. */
  @Command(
      name = "agent",
      mixinStandardHelpOptions = true,
      description = "Run the continuous sync loop and serve health and metrics (the default).")
  static class Agent implements Callable<Integer> {
    @Mixin SourceOptions source;

    @Option(names = "--dry-run", description = "Render and report; write nothing to the cluster.")
    boolean dryRun;

    @Inject HelmsyncConfig config;
    @Inject AgentRunner runner;

    @Override
    public Integer call() {
      return runner.run(source.apply(config), dryRun);
    }
  }
}
