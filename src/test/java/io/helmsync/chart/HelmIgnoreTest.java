package io.helmsync.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from Helm's {@code pkg/ignore/rules_test.go} and {@code gobwas/glob}'s behaviour. */
class HelmIgnoreTest {

  record Case(String rule, String path, boolean directory, boolean ignored) {}

  static Stream<Case> rules() {
    return Stream.of(
        new Case("", "templates/.hidden.yaml", false, true),
        new Case("", "templates/visible.yaml", false, false),
        new Case("", ".helmignore", false, false),
        new Case("*.txt", "docs/notes.txt", false, true),
        new Case("*.txt", "notes.txt", false, true),
        new Case("docs/*.txt", "docs/notes.txt", false, true),
        new Case("docs/*.txt", "other/docs/notes.txt", false, false),
        new Case("/notes.txt", "notes.txt", false, true),
        new Case("/notes.txt", "docs/notes.txt", false, false),
        new Case("cargo/", "cargo", true, true),
        new Case("cargo/", "cargo", false, false),
        new Case("[a-c]*.md", "b.md", false, true),
        new Case("[^a-c]*.md", "b.md", false, false),
        new Case("?.md", "ab.md", false, false),
        new Case("!keep.txt", "keep.txt", false, false),
        new Case("!keep.txt", "other.txt", false, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void ignoresAsHelmDoes(Case c) {
    assertThat(HelmIgnore.parse(c.rule()).ignores(c.path(), c.directory())).isEqualTo(c.ignored());
  }

  record GlobCase(String pattern, String path, boolean matches) {}

  static Stream<GlobCase> globs() {
    return Stream.of(
        new GlobCase("config/*", "config/app.yaml", true),
        new GlobCase("config/*", "config/nested/app.yaml", false),
        new GlobCase("config/**.yaml", "config/nested/app.yaml", true),
        new GlobCase("**", "a/b/c", true),
        new GlobCase("files/{a,b}.txt", "files/b.txt", true),
        new GlobCase("files/[!a].txt", "files/a.txt", false),
        new GlobCase("files/?.txt", "files/c.txt", true));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("globs")
  void globsAsFilesGlobDoes(GlobCase c) {
    assertThat(PathPattern.compile(c.pattern(), PathPattern.Dialect.GLOB).matches(c.path()))
        .isEqualTo(c.matches());
  }
}
