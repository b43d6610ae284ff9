package io.helmsync.apply;

import java.util.List;
import java.util.Map;

/**
 * Reads the fields a manager owns from {@code metadata.managedFields} ({@code FieldsV1}: {@code
 * f:<name>} for map keys, {@code k:}/{@code v:}/{@code i:} for list items, {@code .} for the node
 * itself).
 */
final class ManagedFieldsV1 {
  private ManagedFieldsV1() {}

  /**
   * True when every map field that {@code manager} applied is still in {@code desired}. List items
   * are not followed: a list that lost items differs in length and is caught by the value
   * comparison.
   */
  static boolean stillDesired(Map<String, Object> live, String manager, Map<String, Object> desired) {
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
      if (field.getValue() instanceof Map<?, ?> nested && !nested.isEmpty() && child instanceof Map<?, ?>
          && !covered(nested, child)) {
        return false;
      }
    }
    return true;
  }
}
