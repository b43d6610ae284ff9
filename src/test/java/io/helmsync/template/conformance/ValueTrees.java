package io.helmsync.template.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Random chart values as Helm sees them after reading values.yaml: maps with string keys, lists,
 * strings (unicode, YAML look-alikes, quotes), float64 numbers, booleans and null.
 */
final class ValueTrees {
  /** Keys a template can reach with {@code .a.b}, and keys it must reach with {@code index}. */
  static final List<String> KEYS = List.of("a", "b", "name", "port", "Image", "x_1");

  private static final List<String> ODD_KEYS = List.of("my-key", "a.b", "日本", "with space", "");
  private static final List<String> STRINGS =
      List.of(
          "",
          "x",
          "hello world",
          "yes",
          "null",
          "1.0",
          "0x1F",
          "- item",
          "key: value",
          "#comment",
          "quote\"d",
          "back\\slash",
          "tab\there",
          "line\nbreak",
          "héllo",
          "日本語",
          "😀 emoji",
          "  padded  ",
          "~",
          "@at",
          "<b>&amp;</b>");
  private static final double[] SPECIAL_NUMBERS = {
    0, -0.0, 1, -1, 0.5, 3, 80, 8080, 1e6, 1.5e-7, 123456789, 1e21, 2.5e300, -42.25
  };

  private ValueTrees() {}

  static Map<String, Object> values(SplittableRandom random) {
    return map(random, 3);
  }

  private static Object value(SplittableRandom random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 6);
    return switch (kind) {
      case 0, 1 -> string(random);
      case 2, 3 -> number(random);
      case 4 -> random.nextBoolean();
      case 5 -> null;
      case 6 -> list(random, depth - 1);
      default -> map(random, depth - 1);
    };
  }

  private static Map<String, Object> map(SplittableRandom random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      map.put(key(random), value(random, depth));
    }
    return map;
  }

  private static List<Object> list(SplittableRandom random, int depth) {
    List<Object> list = new ArrayList<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      list.add(value(random, depth));
    }
    return list;
  }

  private static String key(SplittableRandom random) {
    return random.nextInt(6) == 0 ? pick(random, ODD_KEYS) : pick(random, KEYS);
  }

  static String string(SplittableRandom random) {
    if (random.nextInt(4) > 0) {
      return pick(random, STRINGS);
    }
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(printableCodePoint(random));
    }
    return text.toString();
  }

  /** Letters from several scripts and planes; no control characters or lone surrogates. */
  private static int printableCodePoint(SplittableRandom random) {
    int[][] ranges = {
      {0x20, 0x7e}, {0xa1, 0x24f}, {0x391, 0x3c9}, {0x4e00, 0x4e80}, {0x1f600, 0x1f64f}
    };
    int[] range = ranges[random.nextInt(ranges.length)];
    return range[0] + random.nextInt(range[1] - range[0] + 1);
  }

  private static double number(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> SPECIAL_NUMBERS[random.nextInt(SPECIAL_NUMBERS.length)];
      case 1 -> random.nextInt(-1000, 100_000);
      default -> random.nextInt(-4000, 4000) / 8.0;
    };
  }

  /** Smaller trees: one top-level entry removed (the template shrinks separately). */
  static Stream<Map<String, Object>> shrinks(Map<String, Object> values) {
    return values.keySet().stream()
        .map(
            key -> {
              Map<String, Object> copy = new LinkedHashMap<>(values);
              copy.remove(key);
              return copy;
            });
  }

  static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
