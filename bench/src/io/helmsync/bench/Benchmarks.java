package io.helmsync.bench;

import io.helmsync.render.CorpusRenderBenchmark;
import java.io.IOException;
import java.nio.file.Files;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH's runner for {@code ./mvnw -Pbench test-compile exec:exec} (bench/README.md): the
 * benchmarks JMH's command line selects, minus {@link CorpusRenderBenchmark} when the shared chart
 * corpus is absent, so that a checkout without the corpus still measures what it can and exits 0.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args)
      throws CommandLineOptionException, RunnerException, IOException {
    CommandLineOptions command = new CommandLineOptions(args);
    if (onlyLists(command)) {
      Main.main(args);
      return;
    }
    ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
    boolean withoutCorpus = !Files.isDirectory(CorpusRenderBenchmark.corpus());
    if (withoutCorpus) {
      System.out.println(CorpusRenderBenchmark.class.getSimpleName() + " skipped: no chart corpus"
          + " at " + CorpusRenderBenchmark.corpus() + " (it is on CI and developers' machines)");
      options.exclude(CorpusRenderBenchmark.class.getName());
    }
    try {
      new Runner(options.build()).run();
    } catch (NoBenchmarksException e) {
      if (!withoutCorpus) {
        throw e;
      }
      System.out.println("No other benchmark matches; nothing to run.");
    }
  }

  /** {@code -h}, {@code -l} and the like print and run nothing; JMH's own main handles them. */
  private static boolean onlyLists(CommandLineOptions command) {
    return command.shouldHelp() || command.shouldList() || command.shouldListWithParams()
        || command.shouldListProfilers() || command.shouldListResultFormats();
  }
}
