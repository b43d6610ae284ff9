package io.helmsync.cli;

import picocli.CommandLine.Command;

/** {@code helmsync}: without a command, runs the agent. */
@Command(
    name = "helmsync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keeps a namespace in sync with the helmfile state in a Git repository.",
    subcommands = {
      HelmsyncCommand.Agent.class,
      RenderCommand.class,
      BuildCommand.class,
      DiffCommand.class,
      SyncCommand.class,
      StatusCommand.class,
      TemplateCommand.class
    })
public class HelmsyncCommand extends AgentOptions {

  /** {@code helmsync agent}: the continuous loop plus the HTTP endpoints. */
  @Command(
      name = "agent",
      mixinStandardHelpOptions = true,
      description = "Run the continuous sync loop and serve health and metrics (the default).")
  static class Agent extends AgentOptions {}
}
