package io.helmsync.render;

import io.helmsync.chart.Chart;
import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chart with the subcharts a release renders, after Helm's {@code ProcessDependencies}: each
 * declared dependency under its alias (one chart may appear under several), undeclared subcharts as
 * they are, and the ones switched off by {@code condition} or {@code tags} removed.
 *
 * @param name the name the chart renders under: its alias, or its own name
 */
record ChartTree(String name, Chart chart, Chart.Dependency dependency, List<ChartTree> children) {
  ChartTree {
    children = List.copyOf(children);
  }

  /**
   * @param user the release's values, numbers already float64
   * @throws ReconcileException STALLED when a declared dependency is not under {@code charts/}
   */
  static ChartTree resolve(Chart chart, Map<String, Object> user, String where) {
    ChartTree all = withAllDependencies(chart, chart.name(), null, where);
    Map<String, Object> values = ChartValues.coalesce(all, user, where);
    return all.enabledOnly(values, "");
  }

  private static ChartTree withAllDependencies(
      Chart chart, String name, Chart.Dependency dependency, String where) {
    List<ChartTree> children = new ArrayList<>();
    for (Chart sub : chart.subcharts()) {
      boolean declared = chart.dependencies().stream().anyMatch(d -> d.name().equals(sub.name()));
      if (!declared) {
        children.add(withAllDependencies(sub, sub.name(), null, where));
      }
    }
    for (Chart.Dependency declared : chart.dependencies()) {
      Chart sub =
          subchart(chart, declared)
              .orElseThrow(
                  () ->
                      ReconcileException.stalled(
                          where
                              + ": chart "
                              + chart.path()
                              + " depends on "
                              + declared.name()
                              + ", which is not in "
                              + chart.path()
                              + "/charts; run helm dependency update and commit the charts/ directory "
                              + "(helmsync does not fetch dependencies yet)"));
      children.add(withAllDependencies(sub, declared.effectiveName(), declared, where));
    }
    return new ChartTree(name, chart, dependency, children);
  }

  private static Optional<Chart> subchart(Chart parent, Chart.Dependency dependency) {
    return parent.subcharts().stream().filter(c -> c.name().equals(dependency.name())).findFirst();
  }

  /**
   * Helm's {@code processDependencyEnabled}: tags are read from the top-level values only, and a
   * condition that holds a boolean overrides them.
   *
   * @param top the top-level values, coalesced over every chart's defaults
   * @param path the keys from the top-level values to this chart's, e.g. {@code "db."}
   */
  private ChartTree enabledOnly(Map<String, Object> top, String path) {
    List<ChartTree> enabled = new ArrayList<>();
    for (ChartTree child : children) {
      if (child.dependency() == null || isEnabled(child.dependency(), top, path)) {
        enabled.add(child.enabledOnly(top, path + child.name() + "."));
      }
    }
    return new ChartTree(name, chart, dependency, enabled);
  }

  private static boolean isEnabled(
      Chart.Dependency dependency, Map<String, Object> top, String path) {
    if (dependency.condition() != null) {
      for (String condition : dependency.condition().strip().split(",")) {
        if (!condition.isEmpty() && lookup(top, path + condition) instanceof Boolean enabled) {
          return enabled;
        }
      }
    }
    return tagsEnable(dependency, top);
  }

  /** Any true tag enables; only false tags disable; no tags set leaves the chart enabled. */
  private static boolean tagsEnable(Chart.Dependency dependency, Map<String, Object> top) {
    Map<?, ?> tags = top.get("tags") instanceof Map<?, ?> map ? map : Map.of();
    boolean anyTrue = false;
    boolean anyFalse = false;
    for (String tag : dependency.tags()) {
      if (tags.get(tag) instanceof Boolean set) {
        anyTrue |= set;
        anyFalse |= !set;
      }
    }
    return anyTrue || !anyFalse;
  }

  /** Helm's {@code PathValue}: a value that is not a table, by dotted path. */
  private static Object lookup(Map<String, Object> values, String path) {
    Object value = values;
    for (String key : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value instanceof Map<?, ?> ? null : value;
  }
}
