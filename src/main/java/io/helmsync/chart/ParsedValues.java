package io.helmsync.chart;

import io.helmsync.model.SizeBoundedCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Recently parsed {@code values.yaml} files, by their text, so that an agent loading an unchanged
 * chart on every reconcile parses its default values once (YAML parsing was a tenth of the time to
 * render the chart corpus). Keyed by the whole text, compared in full, so a changed file is always
 * parsed again. Each caller gets its own deep copy of the maps and lists, so a change to one
 * chart's defaults cannot reach another's. Bounded by the text held: the least recently used are
 * dropped past {@code capacity} characters, and a file larger than that is parsed but not kept.
 * Thread-safe.
 */
final class ParsedValues {
  private final SizeBoundedCache<String, Map<String, Object>> byText;

  /**
   * @param capacity the characters of YAML text (of all cached files together) to keep at most
   */
  ParsedValues(long capacity) {
    byText = new SizeBoundedCache<>(capacity);
  }

  /**
   * A copy of the cached values for this text, or of what {@code parse} makes of it, which is
   * cached when it succeeds (a failure is thrown to the caller and nothing is kept).
   */
  Map<String, Object> get(String text, Function<String, Map<String, Object>> parse) {
    return copy(byText.get(text, text.length(), () -> parse.apply(text)));
  }

  SizeBoundedCache.Stats stats() {
    return byText.stats();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, Object> values) {
    return (Map<String, Object>) deepCopy(values);
  }

  /** Maps and lists copied; the leaves (strings, numbers, booleans, null) are immutable. */
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>(Math.max(16, map.size() * 4 / 3 + 1));
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
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
