package io.helmsync.render;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Manifest;
import io.helmsync.template.golib.GoYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One corpus case staged in its own directory, rendered by Helm (helm-java) and by helmsync with
 * the same release, namespace, Kubernetes version and values file (the corpus README's settings),
 * and the two renderings compared. The conformance test reports these comparisons; the corpus
 * benchmark ({@code bench/}) checks them once, then times the two renderers on the same cases.
 */
final class CorpusCase {
  static final String RELEASE = "conformance";
  static final String NAMESPACE = "default";
  static final String KUBE_VERSION = "v1.29.0";

  /** A case both renderers reject agrees with Helm; the report lists these to be read. */
  static final String BOTH_REFUSE = "both refuse";

  private static final String SAME_OBJECTS = "same objects";

  private final ChartCorpus.Case source;
  private final Path chart;
  private final Path values;

  private CorpusCase(ChartCorpus.Case source, Path chart, Path values) {
    this.source = source;
    this.chart = chart;
    this.values = values;
  }

  /** How one case went: passed, failed (why) or skipped (why). */
  record Outcome(ChartCorpus.Case c, Result result, String reason) {
    enum Result {
      PASSED,
      FAILED,
      SKIPPED
    }

    /** Both renderers produced the same objects (not merely the same refusal). */
    boolean renderedAlike() {
      return result == Result.PASSED && reason.equals(SAME_OBJECTS);
    }

    @Override
    public String toString() {
      return c + ": " + reason;
    }
  }

  /**
   * Copies the case's chart and its dependencies under {@code dir}, with an empty values file when
   * the case is the chart's defaults.
   *
   * @throws ChartCorpus.Unresolvable when a dependency is not in the corpus
   */
  static CorpusCase stage(ChartCorpus corpus, ChartCorpus.Case c, Path dir)
      throws ChartCorpus.Unresolvable, IOException {
    Path chart = dir.resolve(c.chart().getFileName().toString());
    corpus.stage(c.chart(), chart);
    Path values = c.values().orElseGet(() -> dir.resolve("empty-values.yaml"));
    if (c.values().isEmpty()) {
      Files.writeString(values, "");
    }
    return new CorpusCase(c, chart, values);
  }

  /** Renders the case both ways; compares the objects by the corpus rule ({@link ObjectDiff}). */
  Outcome compare() throws IOException {
    String helmError = null;
    List<Map<String, Object>> helm = List.of();
    try {
      helm = HelmOracle.parse(helm());
    } catch (RuntimeException e) {
      helmError = oneLine(e.getMessage());
    }
    String oursError = null;
    List<Map<String, Object>> ours = List.of();
    try {
      ours = helmsync().manifests().stream().map(Manifest::body).toList();
    } catch (RuntimeException e) {
      oursError = oneLine(String.valueOf(e.getMessage()));
    }
    return compare(ours, oursError, helm, helmError, () -> HelmOracle.parse(helm()));
  }

  /** {@code helm template}'s output for this case, through helm-java. */
  String helm() {
    return HelmOracle.output(chart, RELEASE, NAMESPACE, values, KUBE_VERSION);
  }

  /** helmsync's rendering of this case, by the renderer the agent uses for local charts. */
  RenderedRelease helmsync() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> userValues =
        GoYaml.unmarshal(Files.readString(values)) instanceof Map<?, ?> map
            ? (Map<String, Object>) map
            : Map.of();
    PlannedRelease release =
        new PlannedRelease(
            RELEASE,
            NAMESPACE,
            "./" + chart.getFileName(),
            chart.getParent(),
            userValues,
            List.of(),
            chart.getFileName().toString());
    return new HelmChartRenderer(ChartContext.offline().withKubeVersion(KUBE_VERSION))
        .render(release, chart.getParent());
  }

  private Outcome compare(
      List<Map<String, Object>> ours,
      String oursError,
      List<Map<String, Object>> helm,
      String helmError,
      Supplier<List<Map<String, Object>>> helmAgain) {
    if (oursError != null || helmError != null) {
      return oursError != null && helmError != null
          ? new Outcome(source, Outcome.Result.PASSED, BOTH_REFUSE + "; helm: " + helmError)
          : new Outcome(
              source,
              Outcome.Result.FAILED,
              "helmsync: "
                  + (oursError == null ? "renders" : oursError)
                  + " | helm: "
                  + (helmError == null ? "renders" : helmError));
    }
    Optional<String> difference = ObjectDiff.first(ours, helm, helm);
    if (difference.isPresent()) {
      // Rendered again only on a difference, to tell random values from real ones.
      difference = ObjectDiff.first(ours, helm, helmAgain.get());
    }
    return difference
        .map(d -> new Outcome(source, Outcome.Result.FAILED, d))
        .orElseGet(() -> new Outcome(source, Outcome.Result.PASSED, SAME_OBJECTS));
  }

  static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }
}
