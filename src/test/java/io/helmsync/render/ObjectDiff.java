package io.helmsync.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The chart corpus's comparison rule: two renderings agree when they hold the same objects by
 * (kind, name) and each pair is equal as parsed YAML; otherwise the first differing path says
 * where, so a failure line points at the template to look at.
 */
final class ObjectDiff {
  /** A key or list item one side does not have, told apart from an explicit {@code null}. */
  private static final Object ABSENT =
      new Object() {
        @Override
        public String toString() {
          return "<absent>";
        }
      };

  private ObjectDiff() {}

  /**
   * The first difference between helmsync's objects and Helm's, or empty when they agree. Where
   * Helm's two renderings differ from each other (random passwords, generated certificates), the
   * value is not deterministic, so only its presence and type are compared.
   *
   * @param helmAgain a second rendering by Helm of the same case
   */
  static Optional<String> first(
      List<Map<String, Object>> ours,
      List<Map<String, Object>> helm,
      List<Map<String, Object>> helmAgain) {
    Map<String, Map<String, Object>> mine = byKindAndName(ours);
    Map<String, Map<String, Object>> theirs = byKindAndName(helm);
    Map<String, Map<String, Object>> again = byKindAndName(helmAgain);
    for (var entry : theirs.entrySet()) {
      if (!mine.containsKey(entry.getKey())) {
        return Optional.of(entry.getKey() + ": only in helm's output");
      }
      Optional<String> difference =
          at(
              entry.getKey() + ":",
              mine.get(entry.getKey()),
              entry.getValue(),
              again.getOrDefault(entry.getKey(), Map.of()));
      if (difference.isPresent()) {
        return difference;
      }
    }
    return mine.keySet().stream()
        .filter(key -> !theirs.containsKey(key))
        .findFirst()
        .map(key -> key + ": only in helmsync's output");
  }

  /** Objects keyed {@code Kind/name}; a repeated key gets {@code #2}, {@code #3}, ... */
  private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map<String, Object> object : objects) {
      Object metadata = object.get("metadata");
      Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
      String key = object.get("kind") + "/" + name;
      String unique = key;
      for (int n = 2; out.containsKey(unique); n++) {
        unique = key + "#" + n;
      }
      out.put(unique, object);
    }
    return out;
  }

  private static Optional<String> at(String path, Object ours, Object helm, Object again) {
    if (ours instanceof Map<?, ?> a && helm instanceof Map<?, ?> b) {
      Map<?, ?> c = again instanceof Map<?, ?> m ? m : Map.of();
      TreeSet<String> keys = new TreeSet<>();
      a.keySet().forEach(k -> keys.add(String.valueOf(k)));
      b.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String key : keys) {
        Optional<String> difference =
            at(
                path + (path.endsWith(":") ? " " : ".") + key,
                valueAt(a, key),
                valueAt(b, key),
                valueAt(c, key));
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    if (ours instanceof List<?> a && helm instanceof List<?> b) {
      List<?> c = again instanceof List<?> l ? l : List.of();
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        Optional<String> difference =
            at(path + "[" + i + "]", itemAt(a, i), itemAt(b, i), itemAt(c, i));
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    boolean random = !Objects.equals(helm, again);
    boolean same =
        random
            ? ours != ABSENT
                && helm != ABSENT
                && ours != null
                && helm != null
                && ours.getClass() == helm.getClass()
            : Objects.equals(ours, helm);
    return same ? Optional.empty() : Optional.of(path + " " + describe(ours, helm));
  }

  private static Object valueAt(Map<?, ?> map, String key) {
    return map.containsKey(key) ? map.get(key) : ABSENT;
  }

  private static Object itemAt(List<?> list, int index) {
    return index < list.size() ? list.get(index) : ABSENT;
  }

  /** Both values; for two texts, from the first character where they part. */
  private static String describe(Object ours, Object helm) {
    if (ours instanceof String a && helm instanceof String b) {
      int common = 0;
      while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
        common++;
      }
      int from = Math.max(0, common - 20);
      return "from char "
          + common
          + ": helmsync "
          + shorten(a.substring(from))
          + ", helm "
          + shorten(b.substring(from));
    }
    return "helmsync " + shorten(ours) + ", helm " + shorten(helm);
  }

  private static String shorten(Object value) {
    String text =
        value == null
            ? "null"
            : value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    text = text.replace("\n", "\\n");
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
