package io.helmsync.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every template of a chart and its enabled subcharts, named as Helm names them ({@code
 * parent/charts/sub/templates/x.yaml}), and which chart and values each one sees. A library chart
 * lends only its partials ({@code _*.tpl}), as in Helm.
 */
record ChartScopes(Map<String, String> templates, List<Scope> scopes) {

  /** One chart of the tree: its templates render with these values and this chart as .Chart. */
  record Scope(String prefix, ChartTree tree, Map<String, Object> values) {
    /** The enabled subcharts, each with its part of these values, as Helm's {@code recAllTpls}. */
    List<Scope> children() {
      List<Scope> children = new ArrayList<>();
      for (ChartTree child : tree.children()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> childValues =
            values.get(child.name()) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        children.add(new Scope(prefix + "charts/" + child.name() + "/", child, childValues));
      }
      return children;
    }
  }

  static ChartScopes of(ChartTree tree, Map<String, Object> values) {
    Map<String, String> templates = new LinkedHashMap<>();
    List<Scope> scopes = new ArrayList<>();
    collect(new Scope(tree.name() + "/", tree, values), templates, scopes);
    return new ChartScopes(templates, scopes);
  }

  private static void collect(Scope scope, Map<String, String> templates, List<Scope> scopes) {
    scopes.add(scope);
    ChartTree tree = scope.tree();
    tree.chart()
        .templates()
        .forEach(
            (path, text) -> {
              if (!tree.chart().isLibrary() || isPartial(path)) {
                templates.put(scope.prefix() + path, text);
              }
            });
    for (Scope child : scope.children()) {
      collect(child, templates, scopes);
    }
  }

  private static boolean isPartial(String path) {
    return path.substring(path.lastIndexOf('/') + 1).startsWith("_");
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
