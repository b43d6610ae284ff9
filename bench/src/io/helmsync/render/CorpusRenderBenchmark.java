package io.helmsync.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole shared chart corpus ({@code ../shared/chart-corpus}) rendered, warm, by helmsync
 * ({@link HelmChartRenderer}, as the conformance test calls it: values file read, chart loaded,
 * rendered, split into parsed manifests) and by Helm ({@code helm template} through helm-java,
 * whose answer is text; {@code helmJavaParsed} also parses it into objects, as the conformance
 * test does, for the comparison on equal output). One operation renders every case that both
 * renderers render alike, once.
 *
 * <p>In {@code io.helmsync.render} because the corpus harness it reuses ({@link ChartCorpus},
 * {@link CorpusCase}) is package-private test code. The cases are staged under {@code target/}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// One operation takes a second or more, so iterations are long enough to hold several; helmsync's
// JIT needs the longer warm-up (Helm's Go code is compiled ahead of time).
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class CorpusRenderBenchmark {
  private List<CorpusCase> cases;

  /** The corpus is on CI and developers' machines only; without it this benchmark is skipped. */
  public static Path corpus() {
    return ChartCorpus.SHARED.toAbsolutePath().normalize();
  }

  @Setup
  public void stage() throws IOException {
    if (!Files.isDirectory(corpus())) {
      throw new IllegalStateException("no chart corpus at " + corpus() + "; run the benchmarks "
          + "with io.helmsync.bench.Benchmarks (bench/README.md), which skips this one without it");
    }
    ChartCorpus corpus = new ChartCorpus(ChartCorpus.SHARED);
    Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target")),
        "corpus-bench-");
    cases = new ArrayList<>();
    int n = 0;
    int unresolvable = 0;
    int refusedByBoth = 0;
    for (ChartCorpus.Case c : corpus.cases()) {
      try {
        CorpusCase staged = CorpusCase.stage(corpus, c, work.resolve("case-" + n++));
        if (requireAgreement(staged.compare())) {
          cases.add(staged);
        } else {
          refusedByBoth++;
        }
      } catch (ChartCorpus.Unresolvable e) {
        unresolvable++;
      }
    }
    System.out.printf("%nRendering %d corpus cases per operation (%d skipped: a dependency is not "
        + "in the corpus; %d left out: both renderers refuse them)%n", cases.size(), unresolvable,
        refusedByBoth);
  }

  /**
   * A benchmark of two renderers is only fair if they render the same thing.
   *
   * @return whether the case renders (false: both renderers refuse it, which the harness counts
   *     as agreement but which has nothing to time)
   */
  private static boolean requireAgreement(CorpusCase.Outcome outcome) {
    if (outcome.result() == CorpusCase.Outcome.Result.FAILED) {
      throw new IllegalStateException("helmsync and Helm render " + outcome + "; fix the "
          + "renderer (ChartCorpusTest shows every difference) before timing the corpus");
    }
    return outcome.renderedAlike();
  }

  @Benchmark
  public void helmsync(Blackhole sink) throws IOException {
    for (CorpusCase c : cases) {
      sink.consume(c.helmsync());
    }
  }

  @Benchmark
  public void helmJava(Blackhole sink) {
    for (CorpusCase c : cases) {
      sink.consume(c.helm());
    }
  }

  @Benchmark
  public void helmJavaParsed(Blackhole sink) {
    for (CorpusCase c : cases) {
      sink.consume(HelmOracle.parse(c.helm()));
    }
  }
}
