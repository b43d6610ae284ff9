package io.helmsync.apply;

import io.helmsync.model.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hides Secret values in diffs, as {@code kubectl diff} does: a value that stays the same shows as
 * {@code ***}, one that changes as {@code *** (before)} and {@code *** (after)}, so a diff says
 * that a key changed without saying what it holds.
 */
public final class SecretMask {
  private static final List<String> VALUE_FIELDS = List.of("data", "stringData");

  private SecretMask() {}

  static void mask(ObjectRef ref, Map<String, Object> before, Map<String, Object> after) {
    if (!isSecret(ref)) {
      return;
    }
    for (String field : VALUE_FIELDS) {
      Map<String, Object> old = values(before, field);
      Map<String, Object> updated = values(after, field);
      replace(before, field, old, updated, " (before)");
      replace(after, field, updated, old, " (after)");
    }
  }

  /**
   * Shows every value of a Secret as {@code ***}, as {@code render} prints it: values a chart
   * derived from a secret (a {@code .dockerconfigjson} holding a registry password) are hidden too.
   */
  public static void hide(ObjectRef ref, Map<String, Object> object) {
    if (isSecret(ref)) {
      for (String field : VALUE_FIELDS) {
        Map<String, Object> values = values(object, field);
        replace(object, field, values, values, "");
      }
    }
  }

  private static boolean isSecret(ObjectRef ref) {
    return ref.kind().equals("Secret") && ref.group().isEmpty();
  }

  private static void replace(
      Map<String, Object> object,
      String field,
      Map<String, Object> values,
      Map<String, Object> other,
      String suffix) {
    if (values.isEmpty()) {
      return;
    }
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach(
        (key, value) ->
            masked.put(key, Objects.equals(value, other.get(key)) ? "***" : "***" + suffix));
    object.put(field, masked);
  }

  private static Map<String, Object> values(Map<String, Object> object, String field) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (object.get(field) instanceof Map<?, ?> map) {
      map.forEach((key, value) -> values.put(key.toString(), value));
    }
    return values;
  }
}
