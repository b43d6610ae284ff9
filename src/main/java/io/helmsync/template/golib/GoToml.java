package io.helmsync.template.golib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helm's {@code toToml} (BurntSushi/toml's encoder): plain keys first, then tables, keys sorted,
 * strings double-quoted. Values TOML cannot hold (nil) give the encoder's error text, which Helm
 * returns as the function's result.
 */
public final class GoToml {
  private GoToml() {}

  public static String encode(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return "toml: top-level values must be Go maps or structs";
    }
    StringBuilder out = new StringBuilder();
    try {
      table(out, map, List.of());
    } catch (GoError e) {
      return e.getMessage();
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Map<?, ?> map, List<String> path) {
    List<String> keys = GoPrint.sortedKeys(map);
    // BurntSushi indents each key by its depth: a key of table [t] by two spaces.
    String indent = "  ".repeat(path.size());
    for (String key : keys) {
      Object v = map.get(key);
      if (v == null) {
        throw new GoError("toml: cannot encode a nil value");
      }
      if (!(v instanceof Map) && !isTableArray(v)) {
        out.append(indent).append(key(key)).append(" = ").append(inline(v)).append('\n');
      }
    }
    for (String key : keys) {
      Object v = map.get(key);
      List<String> child = new ArrayList<>(path);
      child.add(key);
      String name = String.join(".", child.stream().map(GoToml::key).toList());
      String childIndent = "  ".repeat(child.size() - 1);
      if (v instanceof Map<?, ?> sub) {
        out.append('\n').append(childIndent).append('[').append(name).append("]\n");
        table(out, sub, child);
      } else if (isTableArray(v)) {
        for (Object element : (List<?>) v) {
          out.append('\n').append(childIndent).append("[[").append(name).append("]]\n");
          table(out, (Map<?, ?>) element, child);
        }
      }
    }
  }

  private static boolean isTableArray(Object v) {
    return v instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(e -> e instanceof Map);
  }

  private static String key(String k) {
    return k.matches("[A-Za-z0-9_-]+") ? k : quote(k);
  }

  private static String inline(Object v) {
    if (v instanceof String s) {
      return quote(s);
    }
    if (v instanceof Double d) {
      return Double.isNaN(d)
          ? "nan"
          : Double.isInfinite(d)
              ? (d > 0 ? "inf" : "-inf")
              : d == Math.rint(d) && Math.abs(d) < 1e16
                  ? GoFloat.format(d, 'f', 1)
                  : GoFloat.shortest(d);
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object e : list) {
        if (e == null) {
          throw new GoError("toml: cannot encode a nil value");
        }
        parts.add(inline(e));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      for (String k : GoPrint.sortedKeys(map)) {
        parts.add(key(k) + " = " + inline(map.get(k)));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(v);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\u%04X", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
