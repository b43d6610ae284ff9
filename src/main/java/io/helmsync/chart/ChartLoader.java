package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import io.helmsync.template.GoYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a chart directory as Helm's loader does: {@code Chart.yaml} (apiVersion v1 or v2, with
 * {@code requirements.yaml} for v1), {@code values.yaml}, everything under {@code templates/},
 * subchart directories under {@code charts/}, and the remaining files for {@code .Files}.
 * Packaged subcharts ({@code .tgz}) are refused with a message, not skipped.
 */
public final class ChartLoader {
  private ChartLoader() {}

  /**
   * @param where the release and path for messages
   * @throws ReconcileException STALLED naming the chart file that is wrong
   */
  public static Chart load(Path dir, String where) {
    Map<String, Object> metadata = yamlMap(dir.resolve("Chart.yaml"), where);
    for (String required : List.of("apiVersion", "name", "version")) {
      if (metadata.get(required) == null) {
        throw ReconcileException.stalled(where + ": " + dir.getFileName() + "/Chart.yaml has no "
            + required + "; Helm requires apiVersion, name and version");
      }
    }
    Map<String, String> templates = new TreeMap<>();
    Map<String, String> files = new TreeMap<>();
    Map<String, Chart> subcharts = new TreeMap<>();
    readFiles(dir, where, templates, files, subcharts);
    List<Object> deps = dependencyList(dir, metadata, where);
    Path values = dir.resolve("values.yaml");
    Map<String, Object> defaults = Files.isRegularFile(values) ? valuesMap(values, where) : Map.of();
    return new Chart(dir, metadata, defaults, templates, files, subcharts, dependencies(deps, where));
  }

  private static void readFiles(Path dir, String where, Map<String, String> templates,
      Map<String, String> files, Map<String, Chart> subcharts) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        if (relative.startsWith("charts/")) {
          continue;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (relative.startsWith("templates/")) {
          templates.put(relative, text);
        } else {
          files.put(relative, text);
        }
      }
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": cannot read chart " + dir.getFileName() + ": "
          + e.getMessage(), e);
    }
    Path charts = dir.resolve("charts");
    if (!Files.isDirectory(charts)) {
      return;
    }
    try (Stream<Path> entries = Files.list(charts)) {
      for (Path entry : entries.sorted().toList()) {
        if (Files.isDirectory(entry)) {
          subcharts.put(entry.getFileName().toString(), load(entry, where));
        } else if (entry.toString().endsWith(".tgz")) {
          throw ReconcileException.stalled(where + ": packaged subchart " + dir.getFileName()
              + "/charts/" + entry.getFileName() + " is not read by this version of helmsync; "
              + "unpack it into a directory");
        }
      }
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": cannot list " + charts + ": " + e.getMessage(), e);
    }
  }

  private static List<Object> dependencyList(Path dir, Map<String, Object> metadata, String where) {
    if (metadata.get("dependencies") instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    Path requirements = dir.resolve("requirements.yaml");
    if (Files.isRegularFile(requirements)
        && yamlMap(requirements, where).get("dependencies") instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    return List.of();
  }

  private static List<Chart.Dependency> dependencies(List<Object> entries, String where) {
    List<Chart.Dependency> dependencies = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map) || map.get("name") == null) {
        throw ReconcileException.stalled(where + ": a chart dependency must be a mapping with a name");
      }
      List<String> tags = map.get("tags") instanceof List<?> list
          ? list.stream().map(String::valueOf).toList() : List.of();
      dependencies.add(new Chart.Dependency(String.valueOf(map.get("name")),
          map.get("alias") == null ? null : String.valueOf(map.get("alias")),
          map.get("condition") == null ? null : String.valueOf(map.get("condition")), tags));
    }
    return dependencies;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yamlMap(Path file, String where) {
    String name = file.getParent().getFileName() + "/" + file.getFileName();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": cannot read " + name + ": " + e.getMessage(), e);
    }
    try {
      List<GoYaml.Document> documents = GoYaml.documents(text);
      Object value = documents.isEmpty() ? null : documents.get(0).value();
      return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    } catch (GoYaml.SyntaxError e) {
      throw ReconcileException.stalled(where + ": " + name + ":" + e.line() + ":" + e.column()
          + ": invalid YAML: " + e.getMessage(), e);
    }
  }

  /** values.yaml through JSON, as Helm reads it: every number a float64. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> valuesMap(Path file, String where) {
    String name = file.getParent().getFileName() + "/values.yaml";
    try {
      Object value = GoYaml.unmarshal(Files.readString(file));
      return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": cannot read " + name + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(where + ": " + name + ": " + e.getMessage(), e);
    }
  }
}
