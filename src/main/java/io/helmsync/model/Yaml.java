package io.helmsync.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations on parsed YAML trees (maps, lists and scalars) that every stage needs. The trees are
 * deep-copied into unmodifiable structures so that records holding them stay immutable.
 */
public final class Yaml {
  private Yaml() {}

  /** A deep, unmodifiable copy of a YAML map; insertion order is kept. */
  public static Map<String, Object> deepCopy(Map<String, ?> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object deepCopyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), deepCopyValue(item)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(deepCopyValue(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  /**
   * Merges {@code override} into {@code base} with helmfile's semantics: maps merge recursively,
   * lists and scalars replace, and an explicit {@code null} deletes the key. Neither input changes.
   */
  public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> override) {
    Map<String, Object> result = new LinkedHashMap<>();
    base.forEach((key, value) -> result.put(key, deepCopyValue(value)));
    override.forEach(
        (key, value) -> {
          if (value == null) {
            result.remove(key);
          } else if (value instanceof Map<?, ?> overrideMap
              && result.get(key) instanceof Map<?, ?> baseMap) {
            result.put(key, merge(asStringMap(baseMap), asStringMap(overrideMap)));
          } else {
            result.put(key, deepCopyValue(value));
          }
        });
    return Collections.unmodifiableMap(result);
  }

  /** Views a parsed YAML map as a string-keyed map (YAML keys are strings in all our inputs). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asStringMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
