package io.helmsync.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.SizeBoundedCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged values.yaml is parsed once, a changed one again, and every chart gets defaults of
 * its own.
 */
class ParsedValuesTest {
  @TempDir Path dir;

  @Test
  void loadingAnUnchangedChartAgainParsesItsValuesOnce() throws IOException {
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    Files.writeString(dir.resolve("values.yaml"), "replicas: 2\nimage: {tag: \"" + dir + "\"}\n");
    SizeBoundedCache.Stats before = ChartLoader.valuesCacheStats();

    Chart first = ChartLoader.load(dir, "release api");
    Chart second = ChartLoader.load(dir, "release api");
    Files.writeString(dir.resolve("values.yaml"), "replicas: 3\nimage: {tag: \"" + dir + "\"}\n");
    Chart changed = ChartLoader.load(dir, "release api");

    SizeBoundedCache.Stats after = ChartLoader.valuesCacheStats();
    assertThat(after.hits() - before.hits()).isEqualTo(1);
    assertThat(after.misses() - before.misses()).isEqualTo(2);
    assertThat(second.defaults())
        .isEqualTo(first.defaults())
        .containsEntry("replicas", 2.0)
        .isNotSameAs(first.defaults());
    assertThat(changed.defaults()).containsEntry("replicas", 3.0);
  }

  @Test
  void eachCallerGetsItsOwnCopyOfMapsAndLists() {
    ParsedValues cache = new ParsedValues(100);
    Function<String, Map<String, Object>> parse = text -> values();

    Map<String, Object> first = cache.get("text", parse);
    asMap(first.get("image")).put("tag", "changed");
    asList(first.get("ports")).add(3.0);
    Map<String, Object> second = cache.get("text", parse);

    assertThat(second).isEqualTo(values());
    assertThat(cache.stats()).isEqualTo(new SizeBoundedCache.Stats(1, 1));
  }

  @Test
  void theLeastRecentlyUsedTextIsDroppedPastCapacityAndTooLargeATextIsNotKept() {
    ParsedValues cache = new ParsedValues(4);
    Function<String, Map<String, Object>> parse = text -> Map.of("text", text);

    cache.get("aa", parse);
    cache.get("bb", parse);
    cache.get("aa", parse);
    cache.get("cc", parse);
    cache.get("aa", parse);
    cache.get("bb", parse);
    cache.get("eeeee", parse);
    cache.get("eeeee", parse);

    assertThat(cache.stats())
        .as("aa stays (used recently), bb was dropped for cc; eeeee is 5")
        .isEqualTo(new SizeBoundedCache.Stats(2, 6));
  }

  @Test
  void aFileThatDoesNotParseIsReportedEveryTime() throws IOException {
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
    Files.writeString(dir.resolve("values.yaml"), "image:\n  tag: [1.0\n");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> ChartLoader.load(dir, "release api"))
          .isInstanceOf(ReconcileException.class)
          .hasMessageContaining(dir.getFileName() + "/values.yaml: error converting YAML");
    }
  }

  private static Map<String, Object> values() {
    Map<String, Object> image = new LinkedHashMap<>(Map.of("tag", "1.0"));
    List<Object> ports = new ArrayList<>(List.of(1.0, 2.0));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("image", image);
    values.put("ports", ports);
    values.put("none", null);
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object value) {
    return (List<Object>) value;
  }
}
