package io.helmsync.template.golib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** go-yaml v2's output choices, which Helm's toYaml output shows in every chart. */
class GoYamlTest {
  @Test
  void sortsKeysNaturallyWithNonLettersFirst() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("a10", 1L);
    map.put("a9", 2L);
    map.put("B", 4L);
    map.put("_x", 3L);
    assertThat(GoYaml.marshal(map)).isEqualTo("_x: 3\nB: 4\na9: 2\na10: 1\n");
  }

  @Test
  void foldsLongPlainStringsPastColumnEighty() {
    String words = String.join(" ", java.util.Collections.nCopies(20, "word"));
    String firstLine = String.join(" ", java.util.Collections.nCopies(16, "word"));
    assertThat(GoYaml.marshal(Map.of("k", words)))
        .isEqualTo("k: " + firstLine + "\n  word word word word\n");
  }

  @Test
  void nestsMappingsAndLeavesSequencesUnindented() {
    Map<String, Object> value =
        Map.of(
            "spec",
            Map.of(
                "args",
                List.of("a", Map.of("x", 1L, "y", 2L)),
                "empty",
                Map.of(),
                "none",
                List.of()));
    assertThat(GoYaml.marshal(value))
        .isEqualTo("spec:\n  args:\n  - a\n  - x: 1\n    \"y\": 2\n  empty: {}\n  none: []\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "plain text      | plain text",
        "8080            | \"8080\"",
        "yes             | \"yes\"",
        "2024-01-01      | \"2024-01-01\"",
        "1.5e3           | \"1.5e3\"",
        "- item          | '- item'",
        "a #b            | 'a #b'",
        "key: v          | 'key: v'",
        "x:              | 'x:'",
        "~ lead~         | ' lead'",
        "it's            | it's",
        "*ref            | '*ref'",
      })
  void quotesStringsAsGoYamlDoes(String input, String expected) {
    assertThat(GoYaml.marshal(input)).isEqualTo(expected + "\n");
  }

  @Test
  void escapesTabsInDoubleQuotes() {
    assertThat(GoYaml.marshal("tab\there")).isEqualTo("\"tab\\there\"\n");
  }

  @Test
  void readsYamlAsHelmDoes() {
    Map<?, ?> value =
        (Map<?, ?>) GoYaml.unmarshal("a: 1\nb: yes\nc: 2024-01-01\nd: ~\ne: [1.5, x]\n");
    assertThat(value.get("a")).isEqualTo(1.0);
    assertThat(value.get("b")).isEqualTo(true);
    assertThat(value.get("c")).isEqualTo("2024-01-01");
    assertThat(value.containsKey("d")).isTrue();
    assertThat(value.get("d")).isNull();
    assertThat(value.get("e")).isEqualTo(List.of(1.5, "x"));
  }

  @Test
  void readsIntegersPastUint64AsGoYamlDoes() {
    Map<?, ?> value =
        (Map<?, ?>)
            GoYaml.unmarshal(
                "0xab70383d9207c6cc43ab85eeef9db4d33a8ad4e8: hex\nbig: 123456789012345678901234\n"
                    + "small: 0x10\n");
    // go-yaml gives up on a hex number past uint64 and keeps the text; a decimal one is a float.
    assertThat(value.get("0xab70383d9207c6cc43ab85eeef9db4d33a8ad4e8")).isEqualTo("hex");
    assertThat(value.get("big")).isEqualTo(1.2345678901234568E23);
    assertThat(value.get("small")).isEqualTo(16.0);
  }

  @Test
  void readsUnknownTagsAsUntaggedValues() {
    Map<?, ?> value =
        (Map<?, ?>)
            GoYaml.unmarshal("condition: !redis.emulate\nlist: !custom [a]\nmap: !custom {k: v}\n");
    assertThat(value.get("condition")).isEqualTo("");
    assertThat(value.get("list")).isEqualTo(List.of("a"));
    assertThat(value.get("map")).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void helmfileReadingRefusesDuplicateKeysWhereHelmsKeepsTheLast() {
    String text = "name: a\nname: b\n";
    assertThat(GoYaml.documents(text, GoYaml.DuplicateKeys.LAST_WINS).get(0).value())
        .isEqualTo(Map.of("name", "b"));
    assertThat(GoYaml.unmarshal(text)).isEqualTo(Map.of("name", "b"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoYaml.documents(text))
        .isInstanceOf(GoYaml.SyntaxError.class)
        .hasMessageContaining("found duplicate key name")
        .extracting(e -> ((GoYaml.SyntaxError) e).line())
        .isEqualTo(2);
  }
}
