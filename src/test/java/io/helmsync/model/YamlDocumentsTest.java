package io.helmsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
