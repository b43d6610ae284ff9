package io.helmsync.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random token soup must end in output or a {@link TemplateException}, never another exception:
 * a malformed chart in Git must be a clear error, not a crash. Seeded, so a failure reproduces.
 */
class TemplateRobustnessTest {
  private static final List<String> PIECES = List.of(
      "{{", "}}", "{{-", "-}}", " ", "\n", "text", ".", ".a", ".a.b", "$", "$x", ":=", "=", "|",
      "(", ")", "\"s\"", "`r`", "'c'", "1", "-2", "0x1F", "1.5e3", "nil", "true", "if", "else",
      "end", "range", "with", "define", "template", "block", "break", "continue", "\"t\"",
      "index", "len", "printf", "\"%d\"", "eq", "and", "or", "not", "slice", "default", "toYaml",
      "include", "tpl", "required", "list", "dict", "/*", "*/", ",", "$i", "$v", "upper", "quote");

  @Test
  void randomTemplatesEitherRenderOrFailWithATemplateError() {
    Random random = new Random(20261125L);
    Map<String, Object> data = Map.of("a", Map.of("b", List.of(1L, "x")), "n", 3.0);
    int rendered = 0;
    for (int i = 0; i < 5_000; i++) {
      String text = soup(random);
      try {
        HelmEngine.render(Map.of("c/templates/t.yaml", text), Map.of("Values", data));
        rendered++;
      } catch (TemplateException expected) {
        assertThat(expected.getMessage()).as(text).isNotBlank();
      }
    }
    assertThat(rendered).as("some random templates are valid").isPositive();
  }

  private static String soup(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(16);
    for (int i = 0; i < length; i++) {
      text.append(PIECES.get(random.nextInt(PIECES.size())));
      if (random.nextBoolean()) {
        text.append(' ');
      }
    }
    return text.toString();
  }
}
