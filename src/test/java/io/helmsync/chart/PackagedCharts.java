package io.helmsync.chart;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Archives of a fixture chart made by Helm itself ({@code helm package} through helm-java), at any
 * version, so that the fetch tests serve what a real repository would.
 */
final class PackagedCharts {
  static final Path FIXTURES = Path.of("src/test/resources/chart/fixtures").toAbsolutePath();

  private PackagedCharts() {}

  /**
   * {@code helm package} of fixture {@code name} with its Chart.yaml version set to {@code
   * version}.
   */
  static byte[] pack(String name, String version, Path work) {
    try {
      Path copy = work.resolve("src-" + name + "-" + version).resolve(name);
      copyTree(FIXTURES.resolve(name), copy);
      Path chartYaml = copy.resolve("Chart.yaml");
      Files.writeString(
          chartYaml,
          Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: " + version));
      Path out = Files.createDirectories(work.resolve("packages"));
      new Helm(copy).packageIt().withDestination(out).call();
      return Files.readAllBytes(out.resolve(name + "-" + version + ".tgz"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
