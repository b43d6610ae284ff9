package io.helmsync.render;

import io.helmsync.template.golib.GoYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The shared chart corpus ({@code ../shared/chart-corpus}, see its README): its cases (each chart
 * with its defaults, then with each {@code ci/*-values.yaml}) and the copy of a chart both
 * renderers read, with its dependencies placed under {@code charts/} by the README's mapping.
 */
final class ChartCorpus {
  /** Where the corpus is, from the project root, in CI and on developers' machines only. */
  static final Path SHARED = Path.of("../shared/chart-corpus");

  /** Repositories the README maps to the corpus's {@code stable/} folder. */
  private static final Set<String> STABLE =
      Set.of(
          "https://kubernetes-charts.storage.googleapis.com",
          "https://charts.helm.sh/stable",
          "alias:stable");

  private final Path root;

  ChartCorpus(Path root) {
    this.root = root;
  }

  /**
   * One chart rendered with one values file.
   *
   * @param values the {@code ci/} file, or empty for the chart's defaults
   */
  record Case(Path chart, Optional<Path> values) {
    @Override
    public String toString() {
      return chart.getParent().getFileName()
          + "/"
          + chart.getFileName()
          + " "
          + values.map(v -> "ci/" + v.getFileName()).orElse("(defaults)");
    }
  }

  /** A chart that cannot be rendered from the corpus alone, and why. */
  static final class Unresolvable extends Exception {
    Unresolvable(String message) {
      super(message);
    }
  }

  List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Path chart : list(root.resolve("stable"), root.resolve("incubator"))) {
      cases.add(new Case(chart, Optional.empty()));
      list(chart.resolve("ci")).stream()
          .filter(file -> file.getFileName().toString().endsWith("-values.yaml"))
          .forEach(file -> cases.add(new Case(chart, Optional.of(file))));
    }
    return cases;
  }

  /**
   * Copies the chart to {@code target} with every declared dependency that {@code charts/} lacks
   * copied in from the corpus, recursively.
   *
   * @throws Unresolvable when a dependency comes from a repository the corpus does not hold
   */
  void stage(Path chart, Path target) throws Unresolvable {
    copy(chart, target);
    for (Map<?, ?> dependency : dependencies(chart)) {
      String name = String.valueOf(dependency.get("name"));
      if (Files.isDirectory(target.resolve("charts").resolve(name))) {
        continue;
      }
      Path source = source(chart, name, dependency.get("repository"));
      if (!Files.isRegularFile(source.resolve("Chart.yaml"))) {
        throw new Unresolvable(
            "dependency "
                + name
                + " from "
                + dependency.get("repository")
                + " is not in the corpus");
      }
      stage(source, target.resolve("charts").resolve(name));
    }
  }

  private Path source(Path chart, String name, Object repository) throws Unresolvable {
    String repo = repository == null ? "" : String.valueOf(repository).strip();
    if (repo.startsWith("file://")) {
      return chart.resolve(repo.substring("file://".length())).normalize();
    }
    if (STABLE.contains(repo.replaceAll("/+$", ""))) {
      return root.resolve("stable").resolve(name);
    }
    throw new Unresolvable(
        "dependency " + name + " from repository '" + repo + "', which the corpus does not map");
  }

  /** {@code Chart.yaml}'s {@code dependencies:}, else {@code requirements.yaml}'s. */
  private static List<Map<?, ?>> dependencies(Path chart) {
    for (String file : List.of("Chart.yaml", "requirements.yaml")) {
      if (yaml(chart.resolve(file)) instanceof Map<?, ?> map
          && map.get("dependencies") instanceof List<?> list) {
        return list.stream()
            .filter(Map.class::isInstance)
            .<Map<?, ?>>map(e -> (Map<?, ?>) e)
            .toList();
      }
    }
    return List.of();
  }

  private static Object yaml(Path file) {
    try {
      return Files.isRegularFile(file) ? GoYaml.unmarshal(Files.readString(file)) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path... dirs) {
    List<Path> out = new ArrayList<>();
    for (Path dir : dirs) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          entries.sorted().forEach(out::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
