package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateYamlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          helmfile.yaml | releases:\\n- name: api\\n  namespace: apps\\n  namespace: kube-system\\n | helmfile.yaml:4:3: invalid YAML: found duplicate key namespace
          values.yaml   | image:\\n  tag: v1\\n  tag: v2\\n                                      | values.yaml:3:3: invalid YAML: found duplicate key tag
          ALIAS_BOMB    | -                                                                     | values.yaml: invalid YAML: Number of aliases for non-scalar nodes exceeds the specified max=50
          DEEP          | -                                                                     | values.yaml: invalid YAML: Nesting Depth exceeded max 50
          """)
  void refusesDuplicatesAndPassedLimitsAsStalledNamingTheFile(
      String file, String text, String message) {
    String yaml =
        switch (file) {
          case "ALIAS_BOMB" -> aliasBomb();
          case "DEEP" -> "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
          default -> text.translateEscapes();
        };
    String name = file.endsWith(".yaml") ? file : "values.yaml";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () ->
            assertThatThrownBy(() -> StateYaml.valuesFile(yaml, name, false))
                .isInstanceOf(ReconcileException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((ReconcileException) e).reason())
                .isEqualTo(Reason.STALLED));
  }

  @Test
  void aFiveMegabyteValuesFileLoads() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 5 * 1024 * 1024; i++) {
      text.append("key").append(i).append(": ").append("x".repeat(100)).append('\n');
    }
    Map<String, Object> values = StateYaml.valuesFile(text.toString(), "values.yaml", false);
    assertThat(values).containsKey("key0").hasSizeGreaterThan(40_000);
  }

  @Test
  void anchorsAndMergeKeysStillExpand() {
    String text = "base: &base\n  replicas: 2\nweb:\n  <<: *base\n  image: nginx\n";
    Map<String, Object> values = StateYaml.valuesFile(text, "values.yaml", false);
    assertThat(values.get("web")).isEqualTo(Map.of("replicas", 2L, "image", "nginx"));
  }

  private static String aliasBomb() {
    StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      text.append("a").append(i).append(": &a").append(i).append(" [");
      text.append(String.join(", ", Collections.nCopies(9, "*a" + (i - 1))));
      text.append("]\n");
    }
    return text.toString();
  }
}
