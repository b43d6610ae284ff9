package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release's {@code set:} and {@code setString:} entries, applied on top of its values as Helm
 * applies {@code --set name=value}: dotted names with {@code \.} escapes and {@code [i]} list
 * indexes, lists padded with nulls.
 */
public final class SetValues {
  private SetValues() {}

  /**
   * @param entries {@code {name, value}}, {@code {name, values: [..]}} or {@code {name, file}}
   * @param asString {@code setString}: every value becomes a string
   * @param readFile reads a {@code file:} entry's content
   */
  public static Map<String, Object> apply(
      Map<String, Object> values,
      List<Object> entries,
      boolean asString,
      java.util.function.Function<String, String> readFile,
      String where) {
    Map<String, Object> result = deepMutable(values);
    for (int i = 0; i < entries.size(); i++) {
      String at = where + (asString ? " setString[" : " set[") + i + "]";
      Map<String, Object> entry = StateKeys.map(entries.get(i), at, "entry");
      String name = StateKeys.string(entry.get("name"), at, "name");
      Object value =
          entry.containsKey("file")
              ? readFile.apply(StateKeys.string(entry.get("file"), at, "file"))
              : entry.containsKey("values")
                  ? new ArrayList<>(StateKeys.list(entry.get("values"), at, "values"))
                  : entry.get("value");
      set(result, path(name, at), asString ? stringOf(value) : value, at);
    }
    return result;
  }

  private static Object stringOf(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** The name split on unescaped dots, each part possibly ending in {@code [i]} indexes. */
  static List<Object> path(String name, String where) {
    List<Object> parts = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\' && i + 1 < name.length()) {
        key.append(name.charAt(++i));
      } else if (c == '.') {
        addKey(parts, key, name, where);
      } else if (c == '[') {
        int close = name.indexOf(']', i);
        if (close < 0) {
          throw ReconcileException.stalled(where + ": unclosed '[' in set name '" + name + "'");
        }
        addKey(parts, key, name, where);
        parts.add(index(name.substring(i + 1, close), name, where));
        i = close;
        if (i + 1 < name.length() && name.charAt(i + 1) == '.') {
          i++;
        }
      } else {
        key.append(c);
      }
    }
    if (key.length() > 0 || parts.isEmpty()) {
      addKey(parts, key, name, where);
    }
    return parts;
  }

  private static void addKey(List<Object> parts, StringBuilder key, String name, String where) {
    if (key.length() == 0) {
      if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Integer) {
        return;
      }
      throw ReconcileException.stalled(where + ": empty key in set name '" + name + "'");
    }
    parts.add(key.toString());
    key.setLength(0);
  }

  private static Integer index(String text, String name, String where) {
    try {
      int index = Integer.parseInt(text);
      if (index >= 0 && index <= 65536) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ReconcileException.stalled(
        where + ": bad list index [" + text + "] in set name '" + name + "'");
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> root, List<Object> path, Object value, String at) {
    Object container = root;
    for (int i = 0; i < path.size(); i++) {
      Object part = path.get(i);
      boolean last = i == path.size() - 1;
      Object next =
          last
              ? value
              : path.get(i + 1) instanceof Integer
                  ? new ArrayList<>()
                  : new LinkedHashMap<String, Object>();
      if (part instanceof String key) {
        Map<String, Object> map = (Map<String, Object>) container;
        Object existing = map.get(key);
        if (last || !compatible(existing, next)) {
          map.put(key, next);
          existing = next;
        }
        container = existing;
      } else {
        List<Object> list = (List<Object>) container;
        int index = (Integer) part;
        while (list.size() <= index) {
          list.add(null);
        }
        Object existing = list.get(index);
        if (last || !compatible(existing, next)) {
          list.set(index, next);
          existing = next;
        }
        container = existing;
      }
    }
  }

  private static boolean compatible(Object existing, Object wanted) {
    return existing instanceof Map && wanted instanceof Map
        || existing instanceof List && wanted instanceof List;
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepMutable(T value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepMutable(v)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(deepMutable(v)));
      return (T) copy;
    }
    return value;
  }
}
