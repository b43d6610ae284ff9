package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.MAP;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sprig's dict functions ({@code dict.go}). Dicts are {@code map[string]interface{}}, so a nil map
 * reads as empty, {@code set} on it panics as Go does, and {@code set}, {@code unset} and {@code
 * merge*} change the map they are given, which charts rely on. Where Go iterates a map in random
 * order ({@code keys}, {@code values}) the keys are sorted, so renders are repeatable.
 */
final class SprigDicts {
  private SprigDicts() {}

  static Functions functions() {
    return Functions.builder()
        .add("dict", GoFunction.variadic(SprigDicts::dict, ANY))
        .add("get", GoFunction.of(a -> get(map(a[0]), (String) a[1]), MAP, STRING))
        .add("set", GoFunction.of(a -> set(a[0], (String) a[1], a[2]), MAP, STRING, ANY))
        .add("unset", GoFunction.of(a -> unset(map(a[0]), (String) a[1]), MAP, STRING))
        .add("hasKey", GoFunction.of(a -> map(a[0]).containsKey(a[1]), MAP, STRING))
        .add("pluck", GoFunction.variadic(SprigDicts::pluck, STRING, MAP))
        .add("dig", GoFunction.variadic(SprigDicts::dig, ANY))
        .add("keys", GoFunction.variadic(SprigDicts::keys, MAP))
        .add("values", GoFunction.of(a -> values(map(a[0])), MAP))
        .add("pick", GoFunction.variadic(a -> pick(map(a[0]), rest(a), true), MAP, STRING))
        .add("omit", GoFunction.variadic(a -> pick(map(a[0]), rest(a), false), MAP, STRING))
        .add("merge", GoFunction.variadic(a -> merge(a, false), MAP, MAP))
        .add("mustMerge", GoFunction.variadic(a -> merge(a, false), MAP, MAP))
        .add("mergeOverwrite", GoFunction.variadic(a -> merge(a, true), MAP, MAP))
        .add("mustMergeOverwrite", GoFunction.variadic(a -> merge(a, true), MAP, MAP))
        .add("deepCopy", GoFunction.of(a -> deepCopy(a[0]), ANY))
        .add("mustDeepCopy", GoFunction.of(a -> deepCopy(a[0]), ANY))
        .build();
  }

  /** A dict argument; Go reads a nil map as empty. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value == null ? new LinkedHashMap<>() : (Map<String, Object>) value;
  }

  private static List<Object> rest(Object[] args) {
    return Arrays.asList(args).subList(1, args.length);
  }

  /** {@code dict K1 V1 K2 V2 ...}: keys printed as Sprig's {@code strval}; a lone key gets "". */
  private static Map<String, Object> dict(Object[] pairs) {
    Map<String, Object> dict = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      dict.put(GoCast.strval(pairs[i]), i + 1 < pairs.length ? pairs[i + 1] : "");
    }
    return dict;
  }

  /** A missing key gives "" rather than nil, as Sprig's {@code get} does. */
  private static Object get(Map<String, Object> map, String key) {
    return map.containsKey(key) ? map.get(key) : "";
  }

  private static Map<String, Object> set(Object map, String key, Object value) {
    if (map == null) {
      throw new GoError("assignment to entry in nil map");
    }
    Map<String, Object> dict = map(map);
    dict.put(key, value);
    return dict;
  }

  private static Map<String, Object> unset(Map<String, Object> map, String key) {
    map.remove(key);
    return map;
  }

  /** {@code pluck KEY DICT...}: the key's value in each dict that has it. */
  private static List<Object> pluck(Object[] args) {
    List<Object> out = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Map<String, Object> map = map(args[i]);
      if (map.containsKey(args[0])) {
        out.add(map.get(args[0]));
      }
    }
    return out;
  }

  private static List<Object> keys(Object[] maps) {
    List<Object> keys = new ArrayList<>();
    for (Object map : maps) {
      keys.addAll(GoPrint.sortedKeys(map(map)));
    }
    return keys;
  }

  private static List<Object> values(Map<String, Object> map) {
    List<Object> values = new ArrayList<>();
    for (String key : GoPrint.sortedKeys(map)) {
      values.add(map.get(key));
    }
    return values;
  }

  private static Map<String, Object> pick(
      Map<String, Object> map, List<Object> keys, boolean keep) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (keys.contains(key) == keep) {
            out.put(key, value);
          }
        });
    return out;
  }

  /**
   * {@code dig K1 K2 ... DEFAULT DICT}: the value at the key path, or DEFAULT where a key is
   * missing. Sprig asserts the types it expects, so a non-string key or a non-dict on the way
   * panics with Go's interface conversion error.
   */
  private static Object dig(Object[] args) {
    if (args.length < 3) {
      throw new GoError("dig needs at least three arguments");
    }
    Map<?, ?> dict = (Map<?, ?>) assertType(args[args.length - 1], Map.class);
    Object fallback = args[args.length - 2];
    List<Object> path = Arrays.asList(args).subList(0, args.length - 2);
    path.forEach(key -> assertType(key, String.class));
    for (int i = 0; ; i++) {
      if (!dict.containsKey(path.get(i))) {
        return fallback;
      }
      Object step = dict.get(path.get(i));
      if (i == path.size() - 1) {
        return step;
      }
      dict = (Map<?, ?>) assertType(step, Map.class);
    }
  }

  /** Go's {@code value.(T)} on an {@code interface{}}, which panics when the type differs. */
  private static Object assertType(Object value, Class<?> type) {
    if (type.isInstance(value)) {
      return value;
    }
    String actual = value == null ? "nil" : GoValues.typeName(value);
    String expected = type == Map.class ? "map[string]interface {}" : "string";
    throw new GoError("interface conversion: interface {} is " + actual + ", not " + expected);
  }

  /**
   * Sprig's {@code merge} and {@code mergeOverwrite}: mergo's {@code Merge} of each source into the
   * first dict, which is changed and returned (a nil one starts empty). Sprig's mergo never fails
   * on dicts, so the must variants behave the same.
   */
  private static Map<String, Object> merge(Object[] dicts, boolean overwrite) {
    Map<String, Object> dst = map(dicts[0]);
    for (int i = 1; i < dicts.length; i++) {
      map(dicts[i]).forEach((key, value) -> mergeKey(dst, key, value, overwrite));
    }
    return dst;
  }

  /**
   * mergo's rules for one key of a {@code map[string]interface{}}:
   *
   * <ul>
   *   <li>a nil source value is copied only when overwriting;
   *   <li>a source dict merges recursively into a destination dict, and otherwise only fills a
   *       missing or empty destination value, even when overwriting;
   *   <li>lists and scalars fill a missing or empty destination value, or replace any value when
   *       overwriting, even with an empty one ({@code false} overwrites {@code true}, as Sprig's
   *       docs show).
   * </ul>
   */
  private static void mergeKey(
      Map<String, Object> dst, String key, Object value, boolean overwrite) {
    Object existing = dst.get(key);
    boolean emptyDestination = !dst.containsKey(key) || !GoValues.truth(existing);
    if (value == null) {
      if (overwrite) {
        dst.put(key, null);
      }
    } else if (value instanceof Map<?, ?> source) {
      if (existing instanceof Map<?, ?> target) {
        source.forEach((k, v) -> mergeKey(map(target), (String) k, v, overwrite));
      } else if (emptyDestination) {
        dst.put(key, value);
      }
    } else if (overwrite || emptyDestination) {
      dst.put(key, value);
    }
  }

  /** copystructure's {@code Copy}: new maps and lists all the way down; other values shared. */
  private static Object deepCopy(Object value) {
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
