package io.helmsync.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields of an object as JSON pointers ({@code /spec/replicas}), the unit of ownership in {@link
 * ApplyPatchDispatcher}. Lists are atomic leaves, as fields without merge keys are in server-side
 * apply. Identity and server-owned metadata are never owned by a manager.
 */
final class FieldPaths {
  private static final Set<String> NOT_OWNED =
      Set.of(
          "/apiVersion",
          "/kind",
          "/metadata/name",
          "/metadata/namespace",
          "/metadata/managedFields",
          "/metadata/resourceVersion",
          "/metadata/uid",
          "/metadata/creationTimestamp",
          "/metadata/generation",
          "/status");

  private FieldPaths() {}

  static Set<String> leaves(Map<String, Object> object) {
    Set<String> leaves = new LinkedHashSet<>();
    collect("", object, leaves);
    return leaves;
  }

  private static void collect(String prefix, Map<?, ?> map, Set<String> out) {
    map.forEach(
        (key, value) -> {
          String path = prefix + "/" + escape(key.toString());
          if (NOT_OWNED.contains(path)) {
            return;
          }
          if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            collect(path, nested, out);
          } else {
            out.add(path);
          }
        });
  }

  static Object get(Map<String, Object> object, String pointer) {
    Object current = object;
    for (String segment : segments(pointer)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  /** Removes the field and any map it leaves empty. */
  @SuppressWarnings("unchecked")
  static void remove(Map<String, Object> object, String pointer) {
    List<String> segments = segments(pointer);
    List<Map<String, Object>> parents = new ArrayList<>();
    Map<String, Object> current = object;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      if (!(current.get(segment) instanceof Map<?, ?> next)) {
        return;
      }
      parents.add(current);
      current = (Map<String, Object>) next;
    }
    current.remove(segments.get(segments.size() - 1));
    for (int i = parents.size() - 1; i >= 0 && current.isEmpty(); i--) {
      parents.get(i).remove(segments.get(i));
      current = parents.get(i);
    }
  }

  /** Maps merge recursively; lists and scalars replace. */
  @SuppressWarnings("unchecked")
  static void mergeInto(Map<String, Object> target, Map<String, Object> applied) {
    applied.forEach(
        (key, value) -> {
          if (key.equals("managedFields")) {
            return;
          }
          if (value instanceof Map<?, ?> map && target.get(key) instanceof Map<?, ?> existing) {
            mergeInto((Map<String, Object>) existing, (Map<String, Object>) map);
          } else {
            target.put(key, copyValue(value));
          }
        });
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copy(Map<String, Object> object) {
    return (Map<String, Object>) copyValue(object);
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k.toString(), copyValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      return new ArrayList<>(list.stream().map(FieldPaths::copyValue).toList());
    }
    return value;
  }

  static List<String> segments(String pointer) {
    List<String> segments = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      segments.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
