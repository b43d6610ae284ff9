package io.helmsync.template;

import static io.helmsync.template.GoType.ANY;
import static io.helmsync.template.GoType.MAP;
import static io.helmsync.template.GoType.STRING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sprig's list and dict functions ({@code list.go}, {@code dict.go}). */
final class SprigCollections {
  private SprigCollections() {}

  static Functions functions() {
    return Functions.builder()
        .add("dict", GoFunction.variadic(SprigCollections::dict, ANY))
        .add("get", GoFunction.of(a -> ((Map<?, ?>) orEmpty(a[0])).containsKey(a[1])
            ? ((Map<?, ?>) a[0]).get(a[1]) : "", MAP, STRING))
        .add("set", GoFunction.of(a -> put(a[0], (String) a[1], a[2]), MAP, STRING, ANY))
        .add("unset", GoFunction.of(a -> remove(a[0], (String) a[1]), MAP, STRING))
        .add("hasKey", GoFunction.of(a -> ((Map<?, ?>) orEmpty(a[0])).containsKey(a[1]), MAP, STRING))
        .add("keys", GoFunction.variadic(SprigCollections::keys, MAP))
        .add("values", GoFunction.of(a -> new ArrayList<>(((Map<?, ?>) orEmpty(a[0])).values()), MAP))
        .add("pick", GoFunction.variadic(a -> pick(a, true), MAP, STRING))
        .add("omit", GoFunction.variadic(a -> pick(a, false), MAP, STRING))
        .add("pluck", GoFunction.variadic(SprigCollections::pluck, STRING, MAP))
        .add("merge", GoFunction.variadic(a -> merge(a, false), MAP, MAP))
        .add("mergeOverwrite", GoFunction.variadic(a -> merge(a, true), MAP, MAP))
        .add("deepCopy", GoFunction.of(a -> deepCopy(a[0]), ANY))
        .build();
  }

  private static Object orEmpty(Object map) {
    return map == null ? Map.of() : map;
  }

  private static Map<String, Object> dict(Object[] pairs) {
    Map<String, Object> dict = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      String key = GoCast.strval(pairs[i]);
      dict.put(key, i + 1 < pairs.length ? pairs[i + 1] : "");
    }
    return dict;
  }

  @SuppressWarnings("unchecked")
  private static Object put(Object map, String key, Object value) {
    if (map == null) {
      throw new GoError("assignment to entry in nil map");
    }
    ((Map<String, Object>) map).put(key, value);
    return map;
  }

  private static Object remove(Object map, String key) {
    if (map != null) {
      ((Map<?, ?>) map).remove(key);
    }
    return map;
  }

  private static List<Object> keys(Object[] maps) {
    List<Object> keys = new ArrayList<>();
    for (Object map : maps) {
      keys.addAll(((Map<?, ?>) orEmpty(map)).keySet());
    }
    return keys;
  }

  private static Map<String, Object> pick(Object[] args, boolean keep) {
    Map<?, ?> map = (Map<?, ?>) orEmpty(args[0]);
    List<Object> names = List.of(args).subList(1, args.length);
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (names.contains(k) == keep) {
        out.put(String.valueOf(k), v);
      }
    });
    return out;
  }

  private static List<Object> pluck(Object[] args) {
    List<Object> out = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Map<?, ?> map = (Map<?, ?>) orEmpty(args[i]);
      if (map.containsKey(args[0])) {
        out.add(map.get(args[0]));
      }
    }
    return out;
  }

  /**
   * mergo's Merge as Sprig calls it: nested maps merge; otherwise the destination keeps its value
   * unless that value is empty, or ({@code overwrite}) unless the source's is empty.
   */
  @SuppressWarnings("unchecked")
  private static Object merge(Object[] maps, boolean overwrite) {
    Map<String, Object> dst = (Map<String, Object>) maps[0];
    if (dst == null) {
      dst = new LinkedHashMap<>();
    }
    for (int i = 1; i < maps.length; i++) {
      if (maps[i] != null) {
        mergeInto(dst, (Map<String, Object>) maps[i], overwrite);
      }
    }
    return dst;
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> dst, Map<String, Object> src, boolean overwrite) {
    src.forEach((key, value) -> {
      Object existing = dst.get(key);
      if (existing instanceof Map && value instanceof Map) {
        mergeInto((Map<String, Object>) existing, (Map<String, Object>) value, overwrite);
      } else if (!dst.containsKey(key) || !GoValues.truth(existing)
          || overwrite && GoValues.truth(value)) {
        dst.put(key, value);
      }
    });
  }

  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }

}
