package io.helmsync.cli;

import io.helmsync.config.HelmsyncConfig;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code helmsync} and {@code helmsync agent} share: their options and what they run. */
abstract class AgentOptions implements Callable<Integer> {
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
