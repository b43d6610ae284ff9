package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helmsync.render.CorpusCase.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance harness over the shared chart corpus ({@code ../shared/chart-corpus}): every case
 * rendered by helmsync and by Helm (helm-java), compared per (kind, name) as parsed YAML. Prints
 * {@code N passed, N failed, N skipped} and a line per failure, writes the same to {@code
 * target/chart-corpus-report.txt}, and fails below a 97% pass rate. Skipped without the corpus.
 */
@Tag("corpus")
class ChartCorpusTest {
  private static final Path REPORT = Path.of("target/chart-corpus-report.txt");
  private static final double REQUIRED_PASS_RATE = 0.97;

  @TempDir Path work;

  @Test
  void helmsyncRendersTheCorpusLikeHelm() throws IOException {
    assumeTrue(
        Files.isDirectory(ChartCorpus.SHARED),
        "no chart corpus at " + ChartCorpus.SHARED.toAbsolutePath());
    ChartCorpus corpus = new ChartCorpus(ChartCorpus.SHARED);
    List<Outcome> outcomes = new ArrayList<>();
    int n = 0;
    for (ChartCorpus.Case c : corpus.cases()) {
      outcomes.add(run(corpus, c, work.resolve("case-" + n++)));
    }
    String report = report(outcomes);
    System.out.println(report);
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, report);

    long passed = count(outcomes, Outcome.Result.PASSED);
    long failed = count(outcomes, Outcome.Result.FAILED);
    assertThat(passed + failed).isPositive();
    assertThat((double) passed / (passed + failed))
        .as(report)
        .isGreaterThanOrEqualTo(REQUIRED_PASS_RATE);
  }

  private static Outcome run(ChartCorpus corpus, ChartCorpus.Case c, Path dir) throws IOException {
    CorpusCase staged;
    try {
      staged = CorpusCase.stage(corpus, c, dir);
    } catch (ChartCorpus.Unresolvable e) {
      return new Outcome(c, Outcome.Result.SKIPPED, e.getMessage());
    } catch (RuntimeException e) {
      // A Chart.yaml the harness cannot read is a finding about this case, not the end of the run.
      return new Outcome(
          c, Outcome.Result.FAILED, "cannot stage: " + CorpusCase.oneLine(e.toString()));
    }
    return staged.compare();
  }

  private static String report(List<Outcome> outcomes) {
    StringBuilder out = new StringBuilder();
    out.append(count(outcomes, Outcome.Result.PASSED))
        .append(" passed, ")
        .append(count(outcomes, Outcome.Result.FAILED))
        .append(" failed, ")
        .append(count(outcomes, Outcome.Result.SKIPPED))
        .append(" skipped\n");
    for (Outcome.Result result : Outcome.Result.values()) {
      outcomes.stream()
          .filter(o -> o.result() == result)
          .filter(
              o -> result != Outcome.Result.PASSED || o.reason().startsWith(CorpusCase.BOTH_REFUSE))
          .forEach(
              o -> out.append(result.name().toLowerCase()).append(": ").append(o).append('\n'));
    }
    return out.toString();
  }

  private static long count(List<Outcome> outcomes, Outcome.Result result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }
}
