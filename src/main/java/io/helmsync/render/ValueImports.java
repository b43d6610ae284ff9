package io.helmsync.render;

import io.helmsync.chart.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's {@code processDependencyImportValues}: from the leaves up, each parent's defaults become
 * its values coalesced with its subcharts' defaults, with the tables its dependencies' {@code
 * import-values} name merged under them (the parent's own values win, so a chart can import a
 * section and override parts of it). Imports read defaults only, never the release's values, as in
 * Helm.
 */
final class ValueImports {
  private ValueImports() {}

  /** The tree with every parent's imports applied to its defaults. */
  static ChartTree apply(ChartTree tree, String where) {
    List<ChartTree> children = new ArrayList<>();
    tree.children().forEach(child -> children.add(apply(child, where)));
    ChartTree withChildren = new ChartTree(tree.name(), tree.chart(), tree.dependency(), children);
    if (tree.chart().dependencies().isEmpty()) {
      return withChildren;
    }
    Map<String, Object> values = ChartValues.coalesce(withChildren, Map.of(), where);
    Map<String, Object> imported = new LinkedHashMap<>();
    for (ChartTree child : children) {
      if (child.dependency() == null) {
        continue;
      }
      for (Chart.ValueImport valueImport : child.dependency().importValues()) {
        // Helm renames an aliased dependency to its alias before it imports.
        if (table(values, child.name() + "." + valueImport.child()) instanceof Map<?, ?> table) {
          imported = ChartValues.mergeUnder(imported, atPath(valueImport.parent(), table));
        }
      }
    }
    Chart chart = tree.chart().withDefaults(ChartValues.mergeUnder(values, imported));
    return new ChartTree(tree.name(), chart, tree.dependency(), children);
  }

  /** Helm's {@code Values.Table}: the map at a dotted path, or null. */
  private static Object table(Map<String, Object> values, String path) {
    Object value = values;
    for (String key : path.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value instanceof Map<?, ?> ? value : null;
  }

  /** Helm's {@code pathToMap}: {@code a.b} and a table give {@code {a: {b: table}}}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> atPath(String path, Map<?, ?> table) {
    Map<String, Object> result = (Map<String, Object>) table;
    if (path.equals(".")) {
      return result;
    }
    String[] keys = path.split("\\.", -1);
    for (int i = keys.length - 1; i >= 0; i--) {
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put(keys[i], result);
      result = outer;
    }
    return result;
  }
}
