package io.helmsync.template.golib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's {@code fmt} printing of values with {@code %v}, and {@code fmt.Sprint}/{@code Sprintln}. */
public final class GoPrint {
  private GoPrint() {}

  /**
   * {@code fmt.Sprint(value)}: maps as {@code map[a:1 b:2]} with sorted keys, lists as {@code [1
   * 2]}.
   */
  public static String value(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** {@code fmt.Sprint(args...)}: a space between operands when neither is a string. */
  public static String sprint(Object... args) {
    StringBuilder out = new StringBuilder();
    boolean previousString = false;
    for (int i = 0; i < args.length; i++) {
      boolean isString = args[i] instanceof String;
      if (i > 0 && !isString && !previousString) {
        out.append(' ');
      }
      append(out, args[i]);
      previousString = isString;
    }
    return out.toString();
  }

  /** {@code fmt.Sprintln(args...)}: always a space between operands, and a newline. */
  public static String sprintln(Object... args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      append(out, args[i]);
    }
    return out.append('\n').toString();
  }

  public static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("<nil>");
    } else if (value instanceof Double d) {
      out.append(GoFloat.shortest(d));
    } else if (value instanceof Map<?, ?> map) {
      appendMap(out, map);
    } else if (value instanceof List<?> list) {
      appendList(out, list);
    } else {
      out.append(value);
    }
  }

  private static void appendList(StringBuilder out, List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      append(out, list.get(i));
    }
    out.append(']');
  }

  private static void appendMap(StringBuilder out, Map<?, ?> map) {
    out.append("map[");
    boolean first = true;
    for (String key : sortedKeys(map)) {
      if (!first) {
        out.append(' ');
      }
      first = false;
      out.append(key).append(':');
      append(out, map.get(key));
    }
    out.append(']');
  }

  /** A map's keys in Go's iteration order for printing and {@code range}: sorted. */
  public static List<String> sortedKeys(Map<?, ?> map) {
    List<String> keys = new ArrayList<>(map.size());
    for (Object key : map.keySet()) {
      keys.add(String.valueOf(key));
    }
    keys.sort(GoValues.GO_STRING_ORDER);
    return keys;
  }
}
