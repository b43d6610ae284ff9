package io.helmsync.template.helmfile;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.MAP;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.NoValue;
import io.helmsync.template.sprig.Sprig;
import java.util.Arrays;
import java.util.Map;

/**
 * helmfile's dotted-path functions ({@code get_or_nil.go}, {@code SetValueAtPath}): {@code get} and
 * {@code getOrNil} take the object last so that {@code .Values | get "a.b" "default"} reads well,
 * unlike Sprig's {@code get}, which helmfile keeps as {@code sprigGet}.
 */
final class ValuePaths {
  private ValuePaths() {}

  static Functions functions() {
    return Functions.builder()
        .add("get", GoFunction.variadic(ValuePaths::get, STRING, ANY))
        .add("getOrNil", GoFunction.of(a -> getOrNil((String) a[0], a[1]), STRING, ANY))
        .add(
            "setValueAtPath",
            GoFunction.of(
                a -> setValueAtPath((String) a[0], a[1], (Map<?, ?>) a[2]), STRING, ANY, MAP))
        .add("sprigGet", Sprig.functions().get("get").orElseThrow())
        .build();
  }

  /** A missing key or a value that is not a map: what {@code getOrNil} turns into nil. */
  private static final class NoValueError extends GoError {
    NoValueError(String message) {
      super(message);
    }
  }

  /** {@code get PATH [DEFAULT] OBJECT}. */
  private static Object get(Object[] args) {
    String path = (String) args[0];
    Object[] rest = Arrays.copyOfRange(args, 1, args.length);
    return switch (rest.length) {
      case 1 -> get(path, false, null, rest[0]);
      case 2 -> get(path, true, rest[0], rest[1]);
      default ->
          throw new GoError(
              "unexpected number of args passed to the template function "
                  + "get(path, [def, ]obj): expected 1 or 2, got "
                  + rest.length
                  + ", args was "
                  + GoPrint.value(Arrays.asList(rest)));
    };
  }

  /** One key at a time, as helmfile recurses; the default only answers a missing key. */
  private static Object get(String path, boolean hasDefault, Object def, Object obj) {
    if (path.isEmpty()) {
      return obj;
    }
    int dot = path.indexOf('.');
    String key = dot < 0 ? path : path.substring(0, dot);
    String rest = dot < 0 ? "" : path.substring(dot + 1);
    Object value;
    if (obj instanceof Map<?, ?> map) {
      if (!map.containsKey(key)) {
        return missing(
            hasDefault, def, "no value exist for key \"" + key + "\" in " + GoPrint.value(map));
      }
      value = map.get(key);
    } else if (obj instanceof GoStruct struct) {
      value = struct.member(key).orElse(NoValue.NO_VALUE);
      if (value == NoValue.NO_VALUE) {
        return missing(
            hasDefault, def, "no field named \"" + key + "\" exist in " + GoPrint.value(obj));
      }
    } else {
      throw new NoValueError(
          "unexpected type("
              + GoValues.typeName(obj)
              + ") of value for key \""
              + key
              + "\": it must be either map[string]any or any struct");
    }
    return get(rest, hasDefault, def, value);
  }

  private static Object missing(boolean hasDefault, Object def, String message) {
    if (hasDefault) {
      return def;
    }
    throw new NoValueError(message);
  }

  private static Object getOrNil(String path, Object obj) {
    try {
      return get(path, false, null, obj);
    } catch (NoValueError e) {
      return null;
    }
  }

  /** Sets the value in place, as Go's maps are shared, and returns the same map. */
  @SuppressWarnings("unchecked")
  private static Map<?, ?> setValueAtPath(String path, Object value, Map<?, ?> values) {
    String[] keys = path.split("\\.", -1);
    Object current = values;
    for (int i = 0; i < keys.length - 1; i++) {
      if (!(current instanceof Map<?, ?> map)) {
        throw notAMap(path, keys[i]);
      }
      if (!map.containsKey(keys[i])) {
        throw new GoError(
            "failed to set value at path \""
                + path
                + "\": value for key \""
                + keys[i]
                + "\" does not exist");
      }
      current = map.get(keys[i]);
      if (!(current instanceof Map)) {
        throw notAMap(path, keys[i]);
      }
    }
    if (!(current instanceof Map)) {
      throw notAMap(path, keys[keys.length - 1]);
    }
    ((Map<String, Object>) current).put(keys[keys.length - 1], value);
    return values;
  }

  private static GoError notAMap(String path, String key) {
    return new GoError(
        "failed to set value at path \""
            + path
            + "\": value for key \""
            + key
            + "\" was not a map");
  }
}
