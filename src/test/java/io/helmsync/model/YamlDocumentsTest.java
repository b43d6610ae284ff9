package io.helmsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlDocumentsTest {

  @Test
  void readsEveryNonEmptyDocumentWithItsStartLine() {
    String text = "a: 1\n---\n---\n# only a comment\n---\nb: 2\nc: 3\n";
    List<YamlDocuments.Document> documents = YamlDocuments.parse(text, "x.yaml");
    assertThat(documents)
        .extracting(d -> d.content().keySet())
        .containsExactly(java.util.Set.of("a"), java.util.Set.of("b", "c"));
    assertThat(documents.get(1).line()).isEqualTo(6);
  }

  @Test
  void brokenYamlNamesTheFileAndLine() {
    String text = "releases:\n  - name: api\n    chart: [unclosed\n  - name: other\n";
    assertThatThrownBy(() -> YamlDocuments.parse(text, "helmfile.yaml"))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith("helmfile.yaml:4: invalid YAML")
        .extracting(e -> ((ReconcileException) e).reason())
        .isEqualTo(Reason.STALLED);
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefused() {
    assertThatThrownBy(() -> YamlDocuments.parse("a: 1\n---\n- x\n", "m.yaml"))
        .hasMessage("m.yaml:3: expected a YAML mapping, found a list");
  }

  @Test
  void aMissingFileIsStalledAndNamed() {
    assertThatThrownBy(() -> YamlDocuments.read(Path.of("/nonexistent/values.yaml"), "values.yaml"))
        .isInstanceOf(ReconcileException.class)
        .hasMessage("values.yaml: file not found");
  }

  @Test
  void writtenYamlReadsBackToTheSameTypes() {
    String text =
        "port: \"5432\"\nflag: \"true\"\nno: \"no\"\ncount: 3\nenabled: false\nname: api\nempty: \"\"\n";
    var tree = YamlDocuments.parse(text, "in.yaml").get(0).content();
    String written = YamlDocuments.write(tree);
    assertThat(YamlDocuments.parse(written, "out.yaml").get(0).content()).isEqualTo(tree);
    assertThat(written).contains("name: api").doesNotStartWith("---");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a: 1\\nb: 2\\na: 3\\n                       | m.yaml:3: invalid YAML: while constructing a mapping; found duplicate key a
          metadata:\\n  name: x\\n  name: y\\n    | m.yaml:3: invalid YAML: while constructing a mapping; found duplicate key name
          """)
  void duplicateKeysAreStalledWithFileAndLine(String text, String message) {
    assertThatThrownBy(() -> YamlDocuments.parse(text.translateEscapes(), "m.yaml"))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith(message)
        .extracting(e -> ((ReconcileException) e).reason())
        .isEqualTo(Reason.STALLED);
  }

  @Test
  void renderedChartOutputKeepsTheLastOfDuplicateKeysAsHelmDoes() {
    var content = YamlDocuments.parseRendered("a: 1\na: 3\n", "t.yaml").get(0).content();
    assertThat(content).isEqualTo(Map.of("a", 3));
  }

  @Test
  void aliasesExpandToTheAnchoredValueAsKubectlDoes() {
    String text =
        "first: &shared\n  port: 80\nsecond: *shared\nthird:\n  <<: *shared\n  tls: true\n";
    var content = YamlDocuments.parse(text, "m.yaml").get(0).content();
    assertThat(content.get("second")).isEqualTo(Map.of("port", 80));
    assertThat(content.get("third")).isEqualTo(Map.of("port", 80, "tls", true));
  }

  @Test
  void timestampsStayStrings() {
    var content = YamlDocuments.parse("at: 2024-01-02\n", "m.yaml").get(0).content();
    assertThat(content.get("at")).isEqualTo("2024-01-02");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ALIAS_BOMB | m.yaml: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50
          DEEP       | m.yaml: invalid YAML: Nesting Depth exceeded max 50
          """)
  void limitsAreStalledNamingTheFile(String input, String message) {
    String text = input.equals("DEEP") ? deeplyNested(200) : aliasBomb();
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> YamlDocuments.parse(text, "m.yaml"))
                .isInstanceOf(ReconcileException.class)
                .hasMessage(message));
  }

  @Test
  void aFiveMegabyteFileLoads() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 5 * 1024 * 1024; i++) {
      text.append("key").append(i).append(": ").append("x".repeat(100)).append('\n');
    }
    var content = YamlDocuments.parse(text.toString(), "values.yaml").get(0).content();
    assertThat(content).containsKey("key0").hasSizeGreaterThan(40_000);
  }

  /** The billion laughs: each level names the previous one nine times. */
  static String aliasBomb() {
    StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      text.append("a").append(i).append(": &a").append(i).append(" [");
      text.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1))));
      text.append("]\n");
    }
    return text.toString();
  }

  static String deeplyNested(int depth) {
    return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
  }
}
