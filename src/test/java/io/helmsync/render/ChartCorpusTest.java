package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Manifest;
import io.helmsync.template.GoYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
  private static final Path CORPUS = Path.of("../shared/chart-corpus");
  private static final Path REPORT = Path.of("target/chart-corpus-report.txt");
  private static final String RELEASE = "conformance";
  private static final String NAMESPACE = "default";
  private static final String KUBE_VERSION = "v1.29.0";
  private static final double REQUIRED_PASS_RATE = 0.97;
  /** A case both renderers reject agrees with Helm; the report lists these to be read. */
  private static final String BOTH_REFUSE = "both refuse";

  @TempDir Path work;

  /** How one case went: passed, failed (why) or skipped (why). */
  record Outcome(ChartCorpus.Case c, Result result, String reason) {
    enum Result { PASSED, FAILED, SKIPPED }

    @Override
    public String toString() {
      return c + ": " + reason;
    }
  }

  @Test
  void helmsyncRendersTheCorpusLikeHelm() throws IOException {
    assumeTrue(Files.isDirectory(CORPUS), "no chart corpus at " + CORPUS.toAbsolutePath());
    ChartCorpus corpus = new ChartCorpus(CORPUS);
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
    assertThat((double) passed / (passed + failed)).as(report)
        .isGreaterThanOrEqualTo(REQUIRED_PASS_RATE);
  }

  private static Outcome run(ChartCorpus corpus, ChartCorpus.Case c, Path dir) throws IOException {
    Path chart = dir.resolve(c.chart().getFileName().toString());
    try {
      corpus.stage(c.chart(), chart);
    } catch (ChartCorpus.Unresolvable e) {
      return new Outcome(c, Outcome.Result.SKIPPED, e.getMessage());
    } catch (RuntimeException e) {
      // A Chart.yaml the harness cannot read is a finding about this case, not the end of the run.
      return new Outcome(c, Outcome.Result.FAILED, "cannot stage: " + oneLine(e.toString()));
    }
    Path values = c.values().orElseGet(() -> dir.resolve("empty-values.yaml"));
    if (c.values().isEmpty()) {
      Files.writeString(values, "");
    }
    String helmError = null;
    List<Map<String, Object>> helm = List.of();
    try {
      helm = HelmOracle.template(chart, RELEASE, NAMESPACE, values, KUBE_VERSION);
    } catch (RuntimeException e) {
      helmError = oneLine(e.getMessage());
    }
    String oursError = null;
    List<Map<String, Object>> ours = List.of();
    try {
      ours = helmsync(chart, values);
    } catch (RuntimeException e) {
      oursError = oneLine(String.valueOf(e.getMessage()));
    }
    return compare(c, ours, oursError, helm, helmError,
        () -> HelmOracle.template(chart, RELEASE, NAMESPACE, values, KUBE_VERSION));
  }

  private static Outcome compare(ChartCorpus.Case c, List<Map<String, Object>> ours,
      String oursError, List<Map<String, Object>> helm, String helmError,
      Supplier<List<Map<String, Object>>> helmAgain) {
    if (oursError != null || helmError != null) {
      return oursError != null && helmError != null
          ? new Outcome(c, Outcome.Result.PASSED, BOTH_REFUSE + "; helm: " + helmError)
          : new Outcome(c, Outcome.Result.FAILED, "helmsync: "
              + (oursError == null ? "renders" : oursError) + " | helm: "
              + (helmError == null ? "renders" : helmError));
    }
    Optional<String> difference = ObjectDiff.first(ours, helm, helm);
    if (difference.isPresent()) {
      // Rendered again only on a difference, to tell random values from real ones.
      difference = ObjectDiff.first(ours, helm, helmAgain.get());
    }
    return difference.map(d -> new Outcome(c, Outcome.Result.FAILED, d))
        .orElseGet(() -> new Outcome(c, Outcome.Result.PASSED, "same objects"));
  }

  private static List<Map<String, Object>> helmsync(Path chart, Path valuesFile)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> values = GoYaml.unmarshal(Files.readString(valuesFile))
        instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    PlannedRelease release = new PlannedRelease(RELEASE, NAMESPACE, "./" + chart.getFileName(),
        chart.getParent(), values, List.of(), chart.getFileName().toString());
    RenderedRelease rendered = new HelmChartRenderer(ChartContext.offline()
        .withKubeVersion(KUBE_VERSION)).render(release, chart.getParent());
    return rendered.manifests().stream().map(Manifest::body).toList();
  }

  private static String report(List<Outcome> outcomes) {
    StringBuilder out = new StringBuilder();
    out.append(count(outcomes, Outcome.Result.PASSED)).append(" passed, ")
        .append(count(outcomes, Outcome.Result.FAILED)).append(" failed, ")
        .append(count(outcomes, Outcome.Result.SKIPPED)).append(" skipped\n");
    for (Outcome.Result result : Outcome.Result.values()) {
      outcomes.stream().filter(o -> o.result() == result)
          .filter(o -> result != Outcome.Result.PASSED || o.reason().startsWith(BOTH_REFUSE))
          .forEach(o -> out.append(result.name().toLowerCase()).append(": ").append(o).append('\n'));
    }
    return out.toString();
  }

  private static long count(List<Outcome> outcomes, Outcome.Result result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }
}
