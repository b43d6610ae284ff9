package io.helmsync.template.helm;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.model.ReconcileException;
import io.helmsync.template.Functions;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoJson;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoToml;
import io.helmsync.template.golib.GoYaml;
import io.helmsync.template.golib.Int64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions Helm adds to Sprig ({@code pkg/engine/funcs.go} and {@code engine.go}): YAML, JSON
 * and TOML conversions, and {@code include}, {@code tpl}, {@code required}, {@code fail} and {@code
 * lookup}, which close over the template set being rendered.
 */
final class HelmFunctions {
  /** Helm marks messages of {@code required} and {@code fail} so it can show them alone. */
  static final String ERR_START = "HELM_ERR_START";

  static final String ERR_END = "HELM_ERR_END";
  private static final int MAX_INCLUDE_DEPTH = 1000;

  private HelmFunctions() {}

  /** The conversions, which need no template: toYaml, fromYaml, fromYamlArray, toJson, ... */
  static Functions conversions() {
    return Functions.builder()
        .add("toYaml", GoFunction.of(args -> toYaml(args[0]), ANY))
        .add("fromYaml", GoFunction.of(args -> fromYaml((String) args[0]), STRING))
        .add("fromYamlArray", GoFunction.of(args -> fromYamlArray((String) args[0]), STRING))
        .add("toJson", GoFunction.of(args -> GoJson.marshalOrEmpty(args[0]), ANY))
        .add("fromJson", GoFunction.of(args -> fromJson((String) args[0]), STRING))
        .add("fromJsonArray", GoFunction.of(args -> fromJsonArray((String) args[0]), STRING))
        .add("toToml", GoFunction.of(args -> GoToml.encode(args[0]), ANY))
        .build();
  }

  /** The functions bound to one render: include and tpl see its templates. */
  static Functions bound(Template set, Map<String, Integer> included, LookupPort lookup) {
    return Functions.builder()
        .add(
            "include",
            GoFunction.of(args -> include(set, included, (String) args[0], args[1]), STRING, ANY))
        .add(
            "tpl",
            GoFunction.of(
                args -> tpl(set, included, (String) args[0], args[1], lookup), STRING, ANY))
        .add("required", GoFunction.of(args -> required((String) args[0], args[1]), STRING, ANY))
        .add(
            "fail",
            GoFunction.of(
                args -> {
                  throw new GoError(ERR_START + args[0] + ERR_END);
                },
                STRING))
        .add("lookup", GoFunction.of(args -> lookup(lookup, args), STRING, STRING, STRING, STRING))
        .add("getHostByName", GoFunction.of(args -> "", STRING))
        .build();
  }

  /**
   * Helm's {@code lookup}: the object as Go's unstructured map, whose integers are {@code int64}. A
   * cluster failure becomes the function's error, keeping the failure as its cause.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> lookup(LookupPort lookup, Object[] args) {
    try {
      return (Map<String, Object>)
          unstructured(
              lookup.lookup(
                  (String) args[0], (String) args[1], (String) args[2], (String) args[3]));
    } catch (ReconcileException e) {
      throw new GoError(e.getMessage(), e);
    }
  }

  private static Object unstructured(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, v) -> out.put(String.valueOf(key), unstructured(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(unstructured(v)));
      return out;
    }
    return value instanceof Long || value instanceof Integer
        ? new Int64(((Number) value).longValue())
        : value;
  }

  static String toYaml(Object value) {
    String yaml = GoYaml.marshalViaJson(value);
    return yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml;
  }

  private static final String YAML_MISMATCH = "error unmarshaling JSON: while decoding JSON: ";

  private static Map<String, Object> fromYaml(String text) {
    return decodeMap(GoYaml::unmarshal, text, YAML_MISMATCH);
  }

  private static List<Object> fromYamlArray(String text) {
    return decodeList(GoYaml::unmarshal, text, YAML_MISMATCH);
  }

  private static Map<String, Object> fromJson(String text) {
    return decodeMap(GoJson::unmarshal, text, "");
  }

  private static List<Object> fromJsonArray(String text) {
    return decodeList(GoJson::unmarshal, text, "");
  }

  /** A decoded object, or Helm's way of failing: the error text under the key "Error". */
  private static Map<String, Object> decodeMap(
      Function<String, Object> decoder, String text, String mismatchPrefix) {
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      Object value = decoder.apply(text);
      if (value instanceof Map<?, ?> map) {
        map.forEach((k, v) -> result.put(String.valueOf(k), v));
      } else if (value != null) {
        result.put("Error", mismatchPrefix + mismatch(value, "map[string]interface {}"));
      }
    } catch (IllegalArgumentException e) {
      result.put("Error", e.getMessage());
    }
    return result;
  }

  /** A decoded array, or Helm's way of failing: a list holding the error text. */
  private static List<Object> decodeList(
      Function<String, Object> decoder, String text, String mismatchPrefix) {
    try {
      Object value = decoder.apply(text);
      if (value instanceof List<?> list) {
        return new ArrayList<>(list);
      }
      return value == null
          ? new ArrayList<>()
          : new ArrayList<>(List.of(mismatchPrefix + mismatch(value, "[]interface {}")));
    } catch (IllegalArgumentException e) {
      return new ArrayList<>(List.of(e.getMessage()));
    }
  }

  private static String mismatch(Object value, String goType) {
    return "json: cannot unmarshal " + jsonKind(value) + " into Go value of type " + goType;
  }

  private static String jsonKind(Object value) {
    if (value instanceof Map) {
      return "object";
    }
    if (value instanceof List) {
      return "array";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    return "number";
  }

  private static Object required(String warning, Object value) {
    if (value == null || "".equals(value)) {
      throw new GoError(ERR_START + warning + ERR_END);
    }
    return value;
  }

  private static String include(
      Template set, Map<String, Integer> included, String name, Object data) {
    int depth = included.merge(name, 1, Integer::sum);
    try {
      if (depth > MAX_INCLUDE_DEPTH + 1) {
        throw new GoError(
            "rendering template has a nested reference name: "
                + name
                + ": unable to execute template");
      }
      StringBuilder out = new StringBuilder();
      set.execute(HelmEngine.ROOT_NAME, name, data, out);
      return out.toString();
    } finally {
      included.merge(name, -1, Integer::sum);
    }
  }

  private static String tpl(
      Template parent, Map<String, Integer> included, String text, Object data, LookupPort lookup) {
    // As Helm does: include and tpl inside the text see the defines the text itself makes.
    Template copy = parent.copyWith(set -> bound(set, included, lookup));
    try {
      copy.parse(HelmEngine.ROOT_NAME, text);
    } catch (TemplateException e) {
      throw new GoError("cannot parse template " + GoQuote.quote(text) + ": " + e.getMessage(), e);
    }
    try {
      return copy.execute(HelmEngine.ROOT_NAME, data).replace("<no value>", "");
    } catch (TemplateException e) {
      throw new GoError(
          "error during tpl function execution for " + GoQuote.quote(text) + ": " + e.getMessage(),
          e);
    }
  }

  /** A fresh include-depth counter for one render. */
  static Map<String, Integer> newIncludeCounter() {
    return new HashMap<>();
  }
}
