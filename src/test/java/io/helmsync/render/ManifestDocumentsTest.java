package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written split gives exactly the pieces Helm's separator regex gives. */
class ManifestDocumentsTest {
  /** Helm's separator, with RE2's {@code \s} spelled out (Java's also matches vertical tab). */
  private static final Pattern HELM =
      Pattern.compile("(?:^|[ \\t\\n\\r\\f]*\\n)---[ \\t\\n\\r\\f]*");

  record Case(String text, List<String> documents) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a: 1", List.of("a: 1")),
        new Case("---\na: 1\n---\nb: 2", List.of("", "a: 1", "b: 2")),
        new Case("a: 1\n  \n---  \n\n b: 2", List.of("a: 1", "b: 2")),
        new Case("a: 1 \t\n---", List.of("a: 1", "")),
        new Case("a: ---\nb: 1\n----\nc: 2", List.of("a: ---\nb: 1", "-\nc: 2")),
        new Case("---\n---\na", List.of("", "---\na")),
        new Case("a\n---# comment\nb", List.of("a", "# comment\nb")),
        new Case("a\r\n---\r\nb", List.of("a", "b")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void splitsWhereHelmDoes(Case c) {
    assertThat(ManifestDocuments.split(c.text()))
        .isEqualTo(c.documents())
        .isEqualTo(Arrays.asList(HELM.split(c.text(), -1)));
  }

  @Test
  void agreesWithTheRegexOnRandomText() {
    Random random = new Random(42);
    char[] alphabet = {'-', '-', '-', '\n', '\n', ' ', '\t', '\r', '\f', 'a', '#'};
    for (int i = 0; i < 200_000; i++) {
      char[] text = new char[random.nextInt(24)];
      for (int j = 0; j < text.length; j++) {
        text[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(text);
      assertThat(ManifestDocuments.split(s))
          .as("%s", s.replace("\n", "\\n"))
          .isEqualTo(Arrays.asList(HELM.split(s, -1)));
    }
  }
}
