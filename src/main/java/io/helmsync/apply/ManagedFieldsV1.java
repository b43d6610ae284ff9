package io.helmsync.apply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the fields a manager owns from {@code metadata.managedFields} ({@code FieldsV1}: {@code
 * f:<name>} for map keys, {@code k:}/{@code v:}/{@code i:} for list items, {@code .} for the node
 * itself).
 */
public final class ManagedFieldsV1 {
  private ManagedFieldsV1() {}

  /**
   * True when every map field that {@code manager} applied is still in {@code desired}. List items
   * are not followed: a list that lost items differs in length and is caught by the value
   * comparison.
   */
  static boolean stillDesired(
      Map<String, Object> live, String manager, Map<String, Object> desired) {
    if (!(live.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("managedFields") instanceof List<?> entries)) {
      return true;
    }
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> fields
          && manager.equals(fields.get("manager"))
          && "Apply".equals(fields.get("operation"))
          && fields.get("fieldsV1") instanceof Map<?, ?> owned
          && !covered(owned, desired)) {
        return false;
      }
    }
    return true;
  }

  private static boolean covered(Map<?, ?> owned, Object desired) {
    for (Map.Entry<?, ?> field : owned.entrySet()) {
      String key = field.getKey().toString();
      if (!key.startsWith("f:")) {
        continue;
      }
      if (!(desired instanceof Map<?, ?> desiredMap) || !desiredMap.containsKey(key.substring(2))) {
        return false;
      }
      Object child = desiredMap.get(key.substring(2));
      if (field.getValue() instanceof Map<?, ?> nested
          && !nested.isEmpty()
          && child instanceof Map<?, ?>
          && !covered(nested, child)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The fields each manager owns, as dotted paths ({@code data.level}); a list is one path (its
   * items' keys are not followed). Entries for subresources ({@code status}) are left out: a
   * controller writing status is not someone changing the spec.
   */
  public static Map<String, Set<String>> owners(Map<String, Object> live) {
    Map<String, Set<String>> owners = new TreeMap<>();
    if (!(live.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("managedFields") instanceof List<?> entries)) {
      return owners;
    }
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> fields
          && fields.get("manager") instanceof String manager
          && fields.get("subresource") == null
          && fields.get("fieldsV1") instanceof Map<?, ?> owned) {
        paths(owned, "", owners.computeIfAbsent(manager, m -> new LinkedHashSet<>()));
      }
    }
    return owners;
  }

  private static void paths(Map<?, ?> owned, String prefix, Set<String> out) {
    owned.forEach(
        (key, value) -> {
          String name = key.toString();
          if (!name.startsWith("f:")) {
            return;
          }
          String path = prefix.isEmpty() ? name.substring(2) : prefix + "." + name.substring(2);
          boolean mapChildren =
              value instanceof Map<?, ?> nested
                  && nested.keySet().stream().anyMatch(k -> k.toString().startsWith("f:"));
          if (mapChildren) {
            paths((Map<?, ?>) value, path, out);
          } else {
            out.add(path);
          }
        });
  }

  /**
   * The managers other than {@code except} that own one of {@code paths} (or a field above or under
   * it); when none does (a field someone deleted is owned by no one), every other manager that owns
   * anything, as the likely author.
   */
  public static Set<String> managersOf(
      Map<String, Object> live, List<String> paths, String except) {
    Map<String, Set<String>> owners = owners(live);
    owners.remove(except);
    Set<String> managers = new java.util.TreeSet<>();
    owners.forEach(
        (manager, owned) -> {
          if (owned.stream()
              .anyMatch(field -> paths.stream().anyMatch(path -> related(field, path)))) {
            managers.add(manager);
          }
        });
    if (managers.isEmpty()) {
      owners.forEach(
          (manager, owned) -> {
            if (!owned.isEmpty()) {
              managers.add(manager);
            }
          });
    }
    return managers;
  }

  private static boolean related(String owned, String path) {
    return owned.equals(path) || under(path, owned) || under(owned, path);
  }

  private static boolean under(String path, String ancestor) {
    return path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
  }
}
