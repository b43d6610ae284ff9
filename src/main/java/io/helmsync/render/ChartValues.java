package io.helmsync.render;

import io.helmsync.chart.Chart;
import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's value coalescing: the user's values over the chart's defaults (maps merge, anything else
 * the user gives wins, a user {@code null} deletes the default), then for each enabled subchart its
 * section over its own defaults, with the parent's {@code global:} passed down.
 */
final class ChartValues {
  private ChartValues() {}

  /** Values after Helm's JSON round trip: every number a float64. */
  static Map<String, Object> asHelmValues(Map<String, Object> values) {
    return asMap(jsonNumbers(values));
  }

  private static Object jsonNumbers(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), jsonNumbers(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(jsonNumbers(v)));
      return copy;
    }
    return value instanceof Number n ? (Object) n.doubleValue() : value;
  }

  static Map<String, Object> coalesce(Chart chart, Map<String, Object> user, String where) {
    Map<String, Object> result = over(asMap(jsonNumbers(user)), chart.defaults());
    for (Chart.Dependency dependency : chart.dependencies()) {
      if (!chart.subcharts().containsKey(dependency.name())) {
        throw ReconcileException.stalled(where + ": chart " + chart.name() + " depends on "
            + dependency.name() + ", but charts/" + dependency.name() + " is missing; run helm "
            + "dependency update and commit the charts/ directory (helmsync does not fetch "
            + "dependencies yet)");
      }
    }
    chart.subcharts().forEach((dir, sub) -> {
      Chart.Dependency dependency = dependencyOf(chart, dir, sub);
      if (!enabled(dependency, result)) {
        return;
      }
      String key = dependency.effectiveName();
      Map<String, Object> section = result.get(key) instanceof Map<?, ?> m ? asMap(m)
          : new LinkedHashMap<>();
      section.put("global", over(asMap(section.getOrDefault("global", Map.of())),
          asMap(result.getOrDefault("global", Map.of()))));
      result.put(key, coalesce(sub, section, where));
    });
    return result;
  }

  static Chart.Dependency dependencyOf(Chart parent, String dir, Chart sub) {
    return parent.dependencies().stream()
        .filter(d -> d.name().equals(dir) || d.name().equals(sub.name()))
        .findFirst()
        .orElse(new Chart.Dependency(sub.name(), null, null, List.of()));
  }

  /**
   * Helm's {@code condition} (the first of its comma-separated paths that holds a boolean decides)
   * and {@code tags} (any true tag enables); without either, a subchart is enabled.
   */
  static boolean enabled(Chart.Dependency dependency, Map<String, Object> parentValues) {
    if (dependency.condition() != null) {
      for (String path : dependency.condition().split(",")) {
        Object value = lookup(parentValues, path.strip());
        if (value instanceof Boolean b) {
          return b;
        }
      }
    }
    if (!dependency.tags().isEmpty()
        && parentValues.get("tags") instanceof Map<?, ?> tags) {
      boolean anySet = false;
      for (String tag : dependency.tags()) {
        if (tags.get(tag) instanceof Boolean b) {
          if (b) {
            return true;
          }
          anySet = true;
        }
      }
      return !anySet;
    }
    return true;
  }

  private static Object lookup(Map<String, Object> values, String path) {
    Object value = values;
    for (String key : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value;
  }

  /** {@code top} over {@code bottom}: Helm's {@code coalesceValues}. */
  private static Map<String, Object> over(Map<String, Object> top, Map<String, Object> bottom) {
    Map<String, Object> result = new LinkedHashMap<>(top);
    bottom.forEach((key, fallback) -> {
      if (!result.containsKey(key)) {
        if (fallback != null) {
          result.put(key, deepCopy(fallback));
        }
      } else if (result.get(key) == null) {
        result.remove(key);
      } else if (result.get(key) instanceof Map<?, ?> mine && fallback instanceof Map<?, ?> theirs) {
        result.put(key, over(asMap(mine), asMap(theirs)));
      }
    });
    return result;
  }

  private static Object deepCopy(Object value) {
    return jsonNumbers(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object map) {
    return new LinkedHashMap<>((Map<String, Object>) map);
  }
}
