package io.helmsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class YamlTest {

  record Case(String name, String base, String override, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> mergeCases() {
    return Stream.of(
        new Case(
            "maps merge recursively",
            "a: {b: 1, c: 2}",
            "a: {c: 3, d: 4}",
            "a: {b: 1, c: 3, d: 4}"),
        new Case("lists replace", "a: [1, 2]", "a: [3]", "a: [3]"),
        new Case("scalars replace maps", "a: {b: 1}", "a: x", "a: x"),
        new Case("maps replace scalars", "a: x", "a: {b: 1}", "a: {b: 1}"),
        new Case("explicit null deletes", "a: {b: 1, c: 2}", "a: {b: null}", "a: {c: 2}"),
        new Case("new keys are added", "a: 1", "b: 2", "{a: 1, b: 2}"),
        new Case("empty override keeps base", "a: {b: 1}", "{}", "a: {b: 1}"));
  }

  @ParameterizedTest
  @MethodSource("mergeCases")
  void mergesWithHelmfileSemantics(Case c) {
    Map<String, Object> merged = Yaml.merge(parse(c.base()), parse(c.override()));
    assertThat(merged).isEqualTo(parse(c.expected()));
  }

  @Test
  void mergeLeavesItsInputsUnchanged() {
    Map<String, Object> base = new HashMap<>(parse("a: {b: 1}"));
    Map<String, Object> override = parse("a: {b: 2}");
    Yaml.merge(base, override);
    assertThat(base).isEqualTo(parse("a: {b: 1}"));
  }

  @Test
  void deepCopyIsUnmodifiableAllTheWayDown() {
    Map<String, Object> copy = Yaml.deepCopy(parse("a: {b: [1, 2]}"));
    @SuppressWarnings("unchecked")
    List<Object> inner = (List<Object>) ((Map<String, Object>) copy.get("a")).get("b");
    assertThatThrownBy(() -> inner.add(3)).isInstanceOf(UnsupportedOperationException.class);
  }

  private static Map<String, Object> parse(String yaml) {
    return YamlDocuments.parse(yaml, "test.yaml").get(0).content();
  }
}
