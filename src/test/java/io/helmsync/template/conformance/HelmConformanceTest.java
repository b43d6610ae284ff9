package io.helmsync.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential suite: every case under {@code template/conformance/} rendered by Helm's own
 * engine and by helmsync must give the same output, or the same error message. Error messages are
 * compared whole after {@link HelmOracle#cleanError} removes what the helm CLI adds, so position
 * ({@code template: NAME:LINE:COL:} or {@code parse error at (NAME:LINE):}) and text both count. A
 * case may carry a {@code deviation}: the reason helmsync knowingly differs; such cases are listed
 * in docs/template-conformance.md and must keep differing. Tagged {@code conformance} to run alone
 * ({@code -Dgroups=conformance}); the whole suite takes a few seconds, most of it loading Helm's
 * native library.
 */
@Tag("conformance")
class HelmConformanceTest {
  private static final HelmOracle HELM = new HelmOracle();
  private static final HelmsyncRenderer HELMSYNC = new HelmsyncRenderer();

  static List<ConformanceCase> cases() {
    return CaseFiles.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void helmsyncRendersLikeHelm(ConformanceCase c) {
    Rendered expected = HELM.render(c);
    Rendered actual = HELMSYNC.render(c);
    if (c.deviation() != null) {
      // A documented deviation must still differ: when it stops differing, drop the note.
      assertThat(actual)
          .as("%s is marked as a deviation (%s) but now renders like Helm", c, c.deviation())
          .isNotEqualTo(expected);
      return;
    }
    assertThat(actual).as("%s\ntemplate:\n%s", c, c.template()).isEqualTo(expected);
  }
}
