package io.helmsync.template.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.helmsync.template.TemplateException;
import io.helmsync.template.property.Node;
import io.helmsync.template.property.PropertyCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random token soup must end in output or a {@link TemplateException} within a second, never
 * another exception or a hang: a malformed chart in Git must be a clear error, not a crash or a
 * stuck agent. Seeded through {@link PropertyCheck}, so a failure reproduces and shrinks.
 */
class TemplateRobustnessTest {
  private static final List<String> PIECES =
      List.of(
          "{{",
          "}}",
          "{{-",
          "-}}",
          " ",
          "\n",
          "text",
          ".",
          ".a",
          ".a.b",
          "$",
          "$x",
          ":=",
          "=",
          "|",
          "(",
          ")",
          "\"s\"",
          "`r`",
          "'c'",
          "1",
          "-2",
          "0x1F",
          "1.5e3",
          "nil",
          "true",
          "if",
          "else",
          "end",
          "range",
          "with",
          "define",
          "template",
          "block",
          "break",
          "continue",
          "\"t\"",
          "index",
          "len",
          "printf",
          "\"%d\"",
          "eq",
          "and",
          "or",
          "not",
          "slice",
          "default",
          "toYaml",
          "include",
          "tpl",
          "required",
          "list",
          "dict",
          "/*",
          "*/",
          ",",
          "$i",
          "$v",
          "upper",
          "quote");
  private static final Map<String, Object> DATA =
      Map.of("Values", Map.of("a", Map.of("b", List.of(1L, "x")), "n", 3.0));
  private static final Duration LIMIT = Duration.ofSeconds(1);

  @Test
  void neverHangsOrThrowsUntyped() {
    PropertyCheck.of(
            "neverHangsOrThrowsUntyped",
            2_000,
            20261125L,
            TemplateRobustnessTest::soup,
            Node::shrinks)
        .check(pieces -> assertTimeoutPreemptively(LIMIT, () -> renderOrTemplateError(pieces)));
  }

  private static void renderOrTemplateError(List<Node> pieces) {
    try {
      new HelmEngine().render(Map.of("c/templates/t.yaml", Node.text(pieces)), DATA);
    } catch (TemplateException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  private static List<Node> soup(SplittableRandom random) {
    List<Node> pieces = new ArrayList<>();
    int length = 1 + random.nextInt(16);
    for (int i = 0; i < length; i++) {
      String piece = PIECES.get(random.nextInt(PIECES.size()));
      pieces.add(Node.text(random.nextBoolean() ? piece + " " : piece));
    }
    return pieces;
  }
}
