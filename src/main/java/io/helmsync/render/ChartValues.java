package io.helmsync.render;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Helm's value coalescing ({@code chartutil.CoalesceValues}): the user's values over the chart's
 * defaults, then for each subchart its section over its own defaults with the parent's {@code
 * global:} merged in (the parent's globals win). A {@code null} from the user deletes the default
 * under it; Helm's asymmetries (a top-level {@code null} without a default stays, subchart sections
 * keep their {@code null}s until the subchart's own pass) are kept so output matches.
 */
final class ChartValues {
  private static final String GLOBAL = "global";

  private ChartValues() {}

  /** Values after Helm's JSON round trip: every number a float64, every map a fresh copy. */
  static Map<String, Object> asHelmValues(Map<String, Object> values) {
    return asMap(jsonCopy(values));
  }

  private static Object jsonCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), jsonCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(jsonCopy(v)));
      return copy;
    }
    return value instanceof Number n ? (Object) n.doubleValue() : value;
  }

  /**
   * @param user the chart's values from above; not changed
   * @throws ReconcileException STALLED when a subchart's section is not a map
   */
  static Map<String, Object> coalesce(ChartTree tree, Map<String, Object> user, String where) {
    Map<String, Object> values = asHelmValues(user);
    Set<String> children =
        tree.children().stream().map(ChartTree::name).collect(Collectors.toSet());
    overDefaults(values, asHelmValues(tree.chart().defaults()), children);
    for (ChartTree child : tree.children()) {
      Object section = values.computeIfAbsent(child.name(), k -> new LinkedHashMap<>());
      if (!(section instanceof Map<?, ?> map)) {
        throw ReconcileException.stalled(
            where
                + ": values of chart "
                + tree.chart().path()
                + ": "
                + child.name()
                + " must be a map of the subchart's values, not "
                + section);
      }
      Map<String, Object> childValues = asMap(map);
      passGlobals(childValues, values);
      values.put(child.name(), coalesce(child, childValues, where));
    }
    return values;
  }

  /** Helm's {@code coalesceValues}: the chart's defaults under {@code values}, in place. */
  private static void overDefaults(
      Map<String, Object> values, Map<String, Object> defaults, Set<String> subchartNames) {
    defaults.forEach(
        (key, fallback) -> {
          if (!values.containsKey(key)) {
            values.put(key, fallback);
          } else if (values.get(key) == null) {
            values.remove(key);
          } else if (values.get(key) instanceof Map<?, ?> mine
              && fallback instanceof Map<?, ?> theirs) {
            // A subchart's section keeps its nulls here: the subchart's own pass deletes its
            // defaults.
            overTable(asMapInPlace(mine), asMapInPlace(theirs), subchartNames.contains(key));
          }
        });
  }

  /** Helm's {@code coalesceTablesFullKey}: {@code src} under {@code dst}, in place. */
  private static void overTable(
      Map<String, Object> dst, Map<String, Object> src, boolean keepNulls) {
    dst.forEach(
        (key, value) -> {
          if (value == null) {
            src.put(key, null);
          }
        });
    src.forEach(
        (key, fallback) -> {
          if (dst.containsKey(key) && dst.get(key) == null && !keepNulls) {
            dst.remove(key);
          } else if (!dst.containsKey(key)) {
            dst.put(key, fallback);
          } else if (fallback instanceof Map<?, ?> theirs
              && dst.get(key) instanceof Map<?, ?> mine) {
            overTable(asMapInPlace(mine), asMapInPlace(theirs), keepNulls);
          }
        });
  }

  /**
   * Helm's {@code MergeTables}: a copy of {@code dst} with {@code src} under it, {@code null}s
   * kept.
   */
  static Map<String, Object> mergeUnder(Map<String, Object> dst, Map<String, Object> src) {
    Map<String, Object> merged = asMap(jsonCopy(dst));
    overTable(merged, asMap(jsonCopy(src)), true);
    return merged;
  }

  /** Helm's {@code coalesceGlobals}: the parent's {@code global:} over the subchart section's. */
  private static void passGlobals(Map<String, Object> child, Map<String, Object> parent) {
    if (!(parent.getOrDefault(GLOBAL, Map.of()) instanceof Map<?, ?> parentGlobals)
        || !(child.getOrDefault(GLOBAL, new LinkedHashMap<>()) instanceof Map<?, ?> existing)) {
      return;
    }
    Map<String, Object> globals = asMap(existing);
    parentGlobals.forEach(
        (rawKey, value) -> {
          String key = String.valueOf(rawKey);
          if (value instanceof Map<?, ?> table) {
            Map<String, Object> copy = asMap(jsonCopy(table));
            if (globals.get(key) instanceof Map<?, ?> mine) {
              overTable(copy, asMap(jsonCopy(mine)), true);
              globals.put(key, copy);
            } else if (!globals.containsKey(key)) {
              globals.put(key, copy);
            }
          } else if (!(globals.get(key) instanceof Map<?, ?>)) {
            globals.put(key, value);
          }
        });
    child.put(GLOBAL, globals);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object map) {
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  /** The maps here are all fresh copies made by {@link #asHelmValues}, so they may be changed. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMapInPlace(Object map) {
    return (Map<String, Object>) map;
  }
}
