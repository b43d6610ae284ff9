package io.helmsync.apply;

import io.helmsync.model.ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hides Secret values in diffs, as {@code kubectl diff} does: a value that stays the same shows as
 * {@code ***}, one that changes as {@code *** (before)} and {@code *** (after)}, so a diff says
 * that a key changed without saying what it holds.
 */
final class SecretMask {
  private SecretMask() {}

  static void mask(ObjectRef ref, Map<String, Object> before, Map<String, Object> after) {
    if (!ref.kind().equals("Secret") || !ref.group().isEmpty()) {
      return;
    }
    for (String field : new String[] {"data", "stringData"}) {
      Map<String, Object> old = values(before, field);
      Map<String, Object> updated = values(after, field);
      replace(before, field, old, updated, " (before)");
      replace(after, field, updated, old, " (after)");
    }
  }

  private static void replace(
      Map<String, Object> object, String field, Map<String, Object> values, Map<String, Object> other, String suffix) {
    if (values.isEmpty()) {
      return;
    }
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach((key, value) ->
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
