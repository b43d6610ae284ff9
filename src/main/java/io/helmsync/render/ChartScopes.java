package io.helmsync.render;

import io.helmsync.chart.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every template of a chart and its enabled subcharts, named as Helm names them
 * ({@code parent/charts/sub/templates/x.yaml}), and which chart and values each one sees.
 */
record ChartScopes(Map<String, String> templates, List<Scope> scopes) {

  /** One chart of the tree: its templates render with these values and this chart as .Chart. */
  record Scope(String prefix, Chart chart, Map<String, Object> values) {}

  static ChartScopes of(Chart chart, Map<String, Object> values) {
    Map<String, String> templates = new LinkedHashMap<>();
    List<Scope> scopes = new ArrayList<>();
    collect(chart, chart.name(), values, templates, scopes);
    return new ChartScopes(templates, scopes);
  }

  private static void collect(Chart chart, String prefix, Map<String, Object> values,
      Map<String, String> templates, List<Scope> scopes) {
    scopes.add(new Scope(prefix + "/", chart, values));
    chart.templates().forEach((path, text) -> templates.put(prefix + "/" + path, text));
    chart.subcharts().forEach((dir, sub) -> {
      Chart.Dependency dependency = ChartValues.dependencyOf(chart, dir, sub);
      if (!ChartValues.enabled(dependency, values)) {
        return;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> subValues = values.get(dependency.effectiveName()) instanceof Map<?, ?> m
          ? (Map<String, Object>) m : Map.of();
      collect(sub, prefix + "/charts/" + dependency.effectiveName(), subValues, templates, scopes);
    });
  }

  /** The innermost chart whose directory holds the template. */
  Scope scopeOf(String path) {
    Scope best = scopes.get(0);
    for (Scope scope : scopes) {
      if (path.startsWith(scope.prefix()) && scope.prefix().length() > best.prefix().length()) {
        best = scope;
      }
    }
    return best;
  }
}
