package io.helmsync.template.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.template.property.PropertyCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The differential suite's generative half: templates from {@link TemplateGrammar} over values from
 * {@link ValueTrees}, rendered by Helm and by helmsync through the same wrapping rule, must give
 * the same output or the same error. A disagreement is shrunk and printed as a case entry; fix the
 * engine, or add the entry to a family file with a {@code deviation:} note.
 */
@Tag("conformance")
class HelmAgreementPropertyTest {
  private static final HelmOracle HELM = new HelmOracle();
  private static final HelmsyncRenderer HELMSYNC = new HelmsyncRenderer();

  @Test
  void helmsyncAgreesWithHelm() {
    PropertyCheck.of(
            "helmsyncAgreesWithHelm",
            200,
            20261125L,
            random -> TemplateGrammar.generate(random, ValueTrees.values(random)),
            GeneratedCase::shrinks)
        .check(
            generated -> {
              ConformanceCase c = generated.toCase();
              assertThat(HELMSYNC.render(c)).isEqualTo(HELM.render(c));
            });
  }
}
