package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed YAML with errors that name the file and key. Which keys a place of a state
 * file may hold is {@link HelmfileKeys}.
 */
final class StateKeys {
  private StateKeys() {}

  static Map<String, Object> map(Object value, String file, String key) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return Yaml.asStringMap(map);
    }
    throw wrongType(file, key, "a mapping", value);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String file, String key) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw wrongType(file, key, "a list", value);
  }

  static List<String> strings(Object value, String file, String key) {
    List<Object> items = list(value, file, key);
    for (Object item : items) {
      if (!(item instanceof String)) {
        throw wrongType(file, key, "a list of strings", value);
      }
    }
    return items.stream().map(String.class::cast).toList();
  }

  static String string(Object value, String file, String key) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      throw wrongType(file, key, "a string", value);
    }
    return value.toString();
  }

  private static ReconcileException wrongType(String file, String key, String want, Object value) {
    String found =
        value == null
            ? "nothing"
            : value instanceof Map<?, ?>
                ? "a mapping"
                : value instanceof List<?> ? "a list" : "'" + value + "'";
    return ReconcileException.stalled(file + ": " + key + " must be " + want + ", found " + found);
  }
}
