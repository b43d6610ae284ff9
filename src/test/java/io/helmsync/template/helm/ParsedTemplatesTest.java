package io.helmsync.template.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.SizeBoundedCache;
import io.helmsync.template.Functions;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A chart rendered again with the same template files is not parsed again, whatever the values; a
 * changed file or another missingkey mode is a different entry.
 */
class ParsedTemplatesTest {
  private static final Map<String, String> CHART =
      Map.of(
          "cache/templates/_helpers.tpl", "{{ define \"cache.name\" }}{{ .Values.name }}{{ end }}",
          "cache/templates/cm.yaml", "name: {{ include \"cache.name\" . }}-{{ .Values.n }}");

  @Test
  void renderingTheSameChartTwiceParsesOnce() {
    HelmEngine engine = new HelmEngine();

    Map<String, String> first = engine.render(CHART, values("a"));
    Map<String, String> second = engine.render(CHART, values("b"));

    assertThat(engine.cacheStats()).isEqualTo(new SizeBoundedCache.Stats(1, 1));
    assertThat(first).containsEntry("cache/templates/cm.yaml", "name: a-1");
    assertThat(second).containsEntry("cache/templates/cm.yaml", "name: b-1");
  }

  @Test
  void eachEngineKeepsItsOwnCache() {
    HelmEngine one = new HelmEngine();
    HelmEngine other = new HelmEngine();

    one.render(CHART, values("a"));
    other.render(CHART, values("a"));

    assertThat(one.cacheStats()).isEqualTo(new SizeBoundedCache.Stats(0, 1));
    assertThat(other.cacheStats())
        .as("nothing is shared through the process")
        .isEqualTo(new SizeBoundedCache.Stats(0, 1));
  }

  @Test
  void filesAndModeAreTheKey() {
    ParsedTemplates cache = new ParsedTemplates(2);
    List<String> order = List.of("t");

    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    cache.get(order, Map.of("t", "b"), MissingKey.ZERO, () -> parsed("b"));
    cache.get(order, Map.of("t", "a"), MissingKey.ERROR, () -> parsed("a"));
    cache.get(order, Map.of("t", "a"), MissingKey.ERROR, () -> parsed("a"));

    assertThat(cache.stats()).isEqualTo(new SizeBoundedCache.Stats(1, 3));
  }

  @Test
  void theLeastRecentlyUsedChartIsDroppedPastCapacity() {
    ParsedTemplates cache = new ParsedTemplates(2);
    List<String> order = List.of("t");

    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    cache.get(order, Map.of("t", "b"), MissingKey.ZERO, () -> parsed("b"));
    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    cache.get(order, Map.of("t", "c"), MissingKey.ZERO, () -> parsed("c"));
    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    cache.get(order, Map.of("t", "b"), MissingKey.ZERO, () -> parsed("b"));

    assertThat(cache.stats())
        .as("a stays (used recently), b was dropped for c")
        .isEqualTo(new SizeBoundedCache.Stats(2, 4));
  }

  @Test
  void theBoundIsTemplateTextNotAChartCount() {
    ParsedTemplates cache = new ParsedTemplates(10);
    List<String> order = List.of("t");
    List<String> charts = List.of("a", "b", "c", "d", "e");

    charts.forEach(t -> cache.get(order, Map.of("t", t), MissingKey.ZERO, () -> parsed(t)));
    charts.forEach(t -> cache.get(order, Map.of("t", t), MissingKey.ZERO, () -> parsed(t)));

    assertThat(cache.stats())
        .as("five one-character sets fit in ten characters")
        .isEqualTo(new SizeBoundedCache.Stats(5, 5));
  }

  @Test
  void aLargeSetDropsAsManySmallOnesAsItNeeds() {
    ParsedTemplates cache = new ParsedTemplates(5);
    List<String> order = List.of("t");

    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    cache.get(order, Map.of("t", "b"), MissingKey.ZERO, () -> parsed("b"));
    cache.get(order, Map.of("t", "cc"), MissingKey.ZERO, () -> parsed("cc"));
    cache.get(order, Map.of("t", "ddd"), MissingKey.ZERO, () -> parsed("ddd"));
    cache.get(order, Map.of("t", "cc"), MissingKey.ZERO, () -> parsed("cc"));
    cache.get(order, Map.of("t", "ddd"), MissingKey.ZERO, () -> parsed("ddd"));
    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));

    assertThat(cache.stats())
        .as("ddd dropped the two least recently used, a and b, kept cc")
        .isEqualTo(new SizeBoundedCache.Stats(2, 5));
  }

  @Test
  void aSetLargerThanTheWholeCapacityIsParsedButNotKept() {
    ParsedTemplates cache = new ParsedTemplates(2);
    List<String> order = List.of("t");

    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));
    Template large = cache.get(order, Map.of("t", "bbb"), MissingKey.ZERO, () -> parsed("bbb"));
    cache.get(order, Map.of("t", "bbb"), MissingKey.ZERO, () -> parsed("bbb"));
    cache.get(order, Map.of("t", "a"), MissingKey.ZERO, () -> parsed("a"));

    assertThat(large.execute("t", Map.of())).isEqualTo("bbb");
    assertThat(cache.stats())
        .as("bbb parsed twice; a kept meanwhile")
        .isEqualTo(new SizeBoundedCache.Stats(1, 3));
  }

  private static Template parsed(String text) {
    return Template.create(Functions.builder().build(), MissingKey.ZERO).parse("t", text);
  }

  private static Map<String, Object> values(String name) {
    return Map.of("Values", Map.of("name", name, "n", 1L));
  }
}
