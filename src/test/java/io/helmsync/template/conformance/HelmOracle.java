package io.helmsync.template.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders a case with Helm's own Go engine (helm-java, through JNA), the reference helmsync must
 * match. Each case becomes a throwaway chart in a temporary directory, rendered with {@code helm
 * template}; a warm call takes about 2 ms, so cases are rendered one chart each rather than
 * batched, which keeps every case's values, helpers and defines apart.
 */
final class HelmOracle {
  static final String RELEASE_NAME = "case";
  static final String NAMESPACE = "conformance";

  /** What the helm CLI appends to every render error; not part of the engine's message. */
  private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Renders the case through {@link CaseChart}'s wrapping rule. */
  Rendered render(ConformanceCase c) {
    Path chart = writeChart(c);
    try {
      String manifest =
          new Helm(chart).template().withName(RELEASE_NAME).withNamespace(NAMESPACE).call();
      return Rendered.ofOutput(CaseChart.unwrap(manifest));
    } catch (IllegalStateException e) {
      return Rendered.ofError(cleanError(e.getMessage(), chart));
    } finally {
      delete(chart);
    }
  }

  /**
   * Keeps only the engine's message: drops the CLI's {@code --debug} hint and the temporary
   * directory, which appear in no message helmsync could produce.
   */
  static String cleanError(String message, Path chart) {
    String cleaned = message.replace(DEBUG_HINT, "").replace(chart.getParent() + "/", "");
    return cleaned.strip();
  }

  /**
   * Writes {@code Chart.yaml}, the values as JSON (valid YAML, and every key and string quoted, so
   * Helm reads exactly the values helmsync is given) and the case's templates.
   */
  private static Path writeChart(ConformanceCase c) {
    try {
      Path root = Files.createTempDirectory("helm-oracle");
      Path chart = root.resolve(CaseChart.CHART_NAME);
      Files.createDirectories(chart.resolve("templates"));
      Files.writeString(
          chart.resolve("Chart.yaml"),
          "apiVersion: v2\nname: " + CaseChart.CHART_NAME + "\nversion: 0.1.0\n");
      Files.writeString(chart.resolve("values.yaml"), JSON.writeValueAsString(c.values()));
      for (Map.Entry<String, String> file : CaseChart.templates(c).entrySet()) {
        Files.writeString(root.resolve(file.getKey()), file.getValue());
      }
      return chart;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path chart) {
    try (Stream<Path> paths = Files.walk(chart.getParent())) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
