package io.helmsync.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code encoding/json} for template values: sorted keys, HTML-safe escaping of {@code <},
 * {@code >} and {@code &}, floats in Go's shortest form, and every number read back as float64.
 */
public final class GoJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GoJson() {}

  /** {@code json.Marshal}; NaN and infinities cannot be encoded, as in Go. */
  public static String marshal(Object value, boolean escapeHtml) {
    StringBuilder out = new StringBuilder();
    write(out, value, escapeHtml);
    return out.toString();
  }

  /** {@code toJson} in Helm and Sprig: the JSON, or "" when the value cannot be encoded. */
  public static String marshalOrEmpty(Object value) {
    try {
      return marshal(value, true);
    } catch (GoError e) {
      return "";
    }
  }

  private static void write(StringBuilder out, Object value, boolean escapeHtml) {
    if (value == null || value == NoValue.NO_VALUE) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s, escapeHtml);
    } else if (value instanceof Double d) {
      out.append(number(d));
    } else if (value instanceof Map<?, ?> map) {
      object(out, map, escapeHtml);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i), escapeHtml);
      }
      out.append(']');
    } else if (value instanceof Boolean || GoValues.isInteger(value)) {
      out.append(value);
    } else {
      string(out, String.valueOf(value), escapeHtml);
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map, boolean escapeHtml) {
    out.append('{');
    boolean first = true;
    for (String key : GoPrint.sortedKeys(map)) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, key, escapeHtml);
      out.append(':');
      write(out, map.get(key), escapeHtml);
    }
    out.append('}');
  }

  /** encoding/json's float format: 'f' for ordinary magnitudes, else 'e' with "e-7" not "e-07". */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new GoError("json: unsupported value: " + GoFloat.shortest(d));
    }
    double abs = Math.abs(d);
    boolean exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
    String text = GoFloat.format(d, exponent ? 'e' : 'f', -1);
    if (exponent) {
      text = text.replaceFirst("e([-+])0(\\d)$", "e$1$2");
    }
    return text;
  }

  private static void string(StringBuilder out, String s, boolean escapeHtml) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20 || escapeHtml && (c == '<' || c == '>' || c == '&')) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * {@code json.Unmarshal} into {@code interface{}}: objects as maps, numbers as float64.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  public static Object unmarshal(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("unexpected end of JSON input");
      }
      return value(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  private static Object value(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        map.put(field.getKey(), value(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(element -> list.add(value(element)));
      return list;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isNull() ? null : node.textValue();
  }
}
