package io.helmsync.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Helm's {@code --set a=1,b.c={x,y}} text as helmfile {@code set:} entries ({@code {name, value}}),
 * so that one implementation ({@code helmfile.SetValues}) applies both. Values are typed as Helm's
 * {@code strvals} types them: {@code true}/{@code false}/{@code null} and integers without a
 * leading zero; everything else, and everything under {@code --set-string}, is a string.
 */
final class HelmSetArguments {
  private HelmSetArguments() {}

  /**
   * @throws IllegalArgumentException naming the argument when a pair has no {@code =}
   */
  static List<Object> entries(String argument, boolean asString) {
    List<Object> entries = new ArrayList<>();
    for (String pair : split(argument, ',')) {
      int equals = unescapedIndex(pair, '=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "key \"" + pair + "\" has no value (in --set " + argument + ")");
      }
      String raw = pair.substring(equals + 1);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", pair.substring(0, equals));
      if (raw.startsWith("{") && raw.endsWith("}")) {
        entry.put(
            "values",
            split(raw.substring(1, raw.length() - 1), ',').stream()
                .map(item -> typed(unescape(item), asString))
                .toList());
      } else {
        entry.put("value", typed(unescape(raw), asString));
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Helm's {@code typedVal}. */
  static Object typed(String value, boolean asString) {
    if (asString) {
      return value;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    if (value.equalsIgnoreCase("null")) {
      return null;
    }
    if (value.equals("0")) {
      return 0L;
    }
    if (!value.isEmpty() && value.charAt(0) != '0') {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  /** Splits on separators that are neither escaped nor inside braces; escapes are kept. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        part.append(c).append(text.charAt(++i));
        continue;
      }
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (c == separator && depth == 0) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  private static int unescapedIndex(String text, char wanted) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String text) {
    return text.replaceAll("\\\\(.)", "$1");
  }
}
