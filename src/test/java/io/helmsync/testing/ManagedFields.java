package io.helmsync.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes {@code metadata.managedFields} in the API server's {@code FieldsV1} notation
 * ({@code {"f:spec": {"f:replicas": {}}}}) for {@link ApplyPatchDispatcher}. Only {@code f:} keys
 * are written; {@code k:}, {@code v:} and {@code .} keys written by a real server are skipped when
 * reading.
 */
final class ManagedFields {
  private ManagedFields() {}

  /** Manager name to the fields it owns. */
  @SuppressWarnings("unchecked")
  static Map<String, Set<String>> read(Map<String, Object> object) {
    Map<String, Set<String>> owners = new TreeMap<>();
    Object metadata = object.get("metadata");
    if (!(metadata instanceof Map<?, ?> meta)
        || !(meta.get("managedFields") instanceof List<?> entries)) {
      return owners;
    }
    for (Object entry : entries) {
      Map<String, Object> fields = (Map<String, Object>) entry;
      Set<String> paths =
          owners.computeIfAbsent((String) fields.get("manager"), m -> new LinkedHashSet<>());
      if (fields.get("fieldsV1") instanceof Map<?, ?> v1) {
        collect("", v1, paths);
      }
    }
    return owners;
  }

  private static void collect(String prefix, Map<?, ?> fieldsV1, Set<String> out) {
    fieldsV1.forEach(
        (key, value) -> {
          String name = key.toString();
          if (!name.startsWith("f:")) {
            return;
          }
          String path = prefix + "/" + FieldPaths.escape(name.substring(2));
          if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
            collect(path, nested, out);
          } else {
            out.add(path);
          }
        });
  }

  static void set(
      Map<String, Object> object, String manager, Set<String> paths, Object apiVersion) {
    write(object, new TreeMap<>(Map.of(manager, paths)), apiVersion);
  }

  /** Replaces {@code metadata.managedFields}, one Apply entry per manager that owns something. */
  @SuppressWarnings("unchecked")
  static void write(
      Map<String, Object> object, Map<String, Set<String>> owners, Object apiVersion) {
    List<Map<String, Object>> entries = new ArrayList<>();
    new TreeMap<>(owners)
        .forEach(
            (manager, paths) -> {
              if (paths.isEmpty()) {
                return;
              }
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("manager", manager);
              entry.put("operation", "Apply");
              entry.put("apiVersion", apiVersion);
              entry.put("fieldsType", "FieldsV1");
              entry.put("fieldsV1", fieldsV1(paths));
              entries.add(entry);
            });
    Map<String, Object> metadata =
        (Map<String, Object>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    metadata.put("managedFields", entries);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> fieldsV1(Set<String> paths) {
    Map<String, Object> root = new TreeMap<>();
    for (String path : paths) {
      Map<String, Object> node = root;
      for (String segment : FieldPaths.segments(path)) {
        node = (Map<String, Object>) node.computeIfAbsent("f:" + segment, k -> new TreeMap<>());
      }
    }
    return root;
  }
}
