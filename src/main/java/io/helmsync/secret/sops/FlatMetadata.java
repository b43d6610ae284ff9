package io.helmsync.secret.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata of formats without nesting (dotenv, INI), flattened by sops ({@code
 * stores/flatten.go}): {@code pgp__list_0__map_fp} is {@code pgp[0].fp}, and line feeds in values
 * are written as {@code \n}.
 */
final class FlatMetadata {
  private static final Pattern TOKEN = Pattern.compile("__(map|list)_");

  private FlatMetadata() {}

  static Map<String, Object> unflatten(Map<String, String> flat) {
    Map<Object, Object> root = new LinkedHashMap<>();
    flat.forEach((path, value) -> put(root, tokens(path), value.replace("\\n", "\n")));
    return lists(root);
  }

  /** The path's tokens: map keys as strings, list positions as integers. */
  private static List<Object> tokens(String path) {
    List<Object> tokens = new ArrayList<>();
    Matcher separators = TOKEN.matcher(path);
    int start = 0;
    boolean list = false;
    while (separators.find()) {
      tokens.add(token(path.substring(start, separators.start()), list));
      list = separators.group(1).equals("list");
      start = separators.end();
    }
    tokens.add(token(path.substring(start), list));
    return tokens;
  }

  private static Object token(String text, boolean list) {
    if (!list) {
      return text;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("sops metadata has a list position that is not a number");
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<Object, Object> node, List<Object> tokens, String value) {
    Map<Object, Object> current = node;
    for (int i = 0; i < tokens.size() - 1; i++) {
      boolean nextIsList = tokens.get(i + 1) instanceof Integer;
      Object child =
          current.computeIfAbsent(
              tokens.get(i),
              key ->
                  nextIsList
                      ? new TreeMap<Integer, Object>()
                      : new LinkedHashMap<String, Object>());
      if (!(child instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("sops metadata has a key that is a value and a map");
      }
      current = (Map<Object, Object>) child;
    }
    current.put(tokens.get(tokens.size() - 1), value);
  }

  private static Map<String, Object> lists(Map<?, ?> node) {
    Map<String, Object> converted = new LinkedHashMap<>();
    node.forEach((key, value) -> converted.put(key.toString(), converted(value)));
    return converted;
  }

  private static Object converted(Object value) {
    if (value instanceof TreeMap<?, ?> positions) {
      return positions.values().stream().map(FlatMetadata::converted).toList();
    }
    if (value instanceof Map<?, ?> map) {
      return lists(map);
    }
    return value;
  }
}
