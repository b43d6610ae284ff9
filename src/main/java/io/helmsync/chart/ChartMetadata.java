package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Helm's checks of {@code Chart.yaml} and its {@code dependencies:}, with messages that say what to
 * fix.
 */
final class ChartMetadata {
  private static final Pattern ALIAS = Pattern.compile("[a-zA-Z0-9-_]+");

  private ChartMetadata() {}

  /**
   * Helm's {@code Metadata.Validate} after loading: a missing apiVersion is read as v1, as Helm
   * does.
   */
  static Map<String, Object> validate(String chart, Map<String, Object> metadata, String where) {
    if (metadata == null) {
      throw invalid(
          where,
          chart,
          "has no Chart.yaml; a Helm chart needs one with apiVersion, " + "name and version");
    }
    Map<String, Object> result = new LinkedHashMap<>(metadata);
    result.putIfAbsent("apiVersion", "v1");
    Object apiVersion = result.get("apiVersion");
    if (!"v1".equals(apiVersion) && !"v2".equals(apiVersion)) {
      throw invalid(
          where,
          chart,
          "Chart.yaml: apiVersion '"
              + apiVersion
              + "' is not valid; use v2 (or v1 for old charts)");
    }
    for (String field : List.of("name", "version")) {
      if (text(result.get(field)).isEmpty()) {
        throw invalid(where, chart, "Chart.yaml: " + field + " is required");
      }
    }
    String name = text(result.get("name"));
    if (name.contains("/") || name.contains("\\")) {
      throw invalid(where, chart, "Chart.yaml: name '" + name + "' must not contain a path");
    }
    Object type = result.get("type");
    if (type != null
        && !"".equals(type)
        && !"application".equals(type)
        && !"library".equals(type)) {
      throw invalid(
          where, chart, "Chart.yaml: type must be application or library, not '" + type + "'");
    }
    return result;
  }

  static List<Chart.Dependency> dependencies(String chart, List<Object> entries, String where) {
    List<Chart.Dependency> dependencies = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof Map<?, ?> map) || text(map.get("name")).isEmpty()) {
        throw invalid(where, chart, "Chart.yaml: every dependency needs a name");
      }
      String alias = map.get("alias") == null ? null : text(map.get("alias"));
      if (alias != null && !ALIAS.matcher(alias).matches()) {
        throw invalid(
            where,
            chart,
            "Chart.yaml: dependency "
                + map.get("name")
                + " has alias '"
                + alias
                + "'; aliases may only hold letters, digits, '-' and '_'");
      }
      List<String> tags =
          map.get("tags") instanceof List<?> list
              ? list.stream().map(String::valueOf).toList()
              : List.of();
      dependencies.add(
          new Chart.Dependency(
              text(map.get("name")),
              alias,
              map.get("condition") == null ? null : text(map.get("condition")),
              tags,
              valueImports(chart, text(map.get("name")), map.get("import-values"), where)));
    }
    return dependencies;
  }

  /** {@code import-values}: strings name exports, maps give {@code child} and {@code parent}. */
  private static List<Chart.ValueImport> valueImports(
      String chart, String dependency, Object entries, String where) {
    List<Chart.ValueImport> imports = new ArrayList<>();
    for (Object entry : entries instanceof List<?> list ? list : List.of()) {
      if (entry instanceof String exported) {
        imports.add(Chart.ValueImport.exported(exported));
      } else if (entry instanceof Map<?, ?> map
          && map.get("child") instanceof String child
          && map.get("parent") instanceof String parent) {
        imports.add(new Chart.ValueImport(child, parent));
      } else {
        throw invalid(
            where,
            chart,
            "Chart.yaml: dependency "
                + dependency
                + " has import-values "
                + "entry '"
                + entry
                + "'; write an exported name or a map with child: and parent:");
      }
    }
    return imports;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value).strip();
  }

  private static ReconcileException invalid(String where, String chart, String problem) {
    return ReconcileException.stalled(where + ": chart " + chart + ": " + problem);
  }
}
