package io.helmsync.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helmsync.template.TemplateException.Location;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parts of a template error, which Helm's and helmfile's error handling read instead of the
 * message: each case gives Go's message and what location, context, detail and source line it is
 * made of.
 */
class TemplateExceptionTest {
  record Case(
      String template,
      String message,
      Optional<Location> location,
      String context,
      String detail,
      int sourceLine) {
    @Override
    public String toString() {
      return template;
    }
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            "a\n{{ nope }}",
            "template: t:2: function \"nope\" not defined",
            Optional.of(new Location("t", 2, -1)),
            "",
            "function \"nope\" not defined",
            2),
        new Case(
            "a\n{{ .x\n\n",
            "template: t:4: unclosed action started at t:2",
            Optional.of(new Location("t", 4, -1)),
            "",
            "unclosed action started at t:2",
            2),
        new Case(
            "{{ if .a }}\n{{ .a | printf \"%d\" (\n}}{{ end }}",
            "template: t:3: unclosed left paren in action started at t:2",
            Optional.of(new Location("t", 3, -1)),
            "",
            "unclosed left paren in action started at t:2",
            2),
        new Case(
            "x\n  {{ .absent.y }}",
            "template: t:2:12: executing \"t\" at <.absent.y>: map has no entry for key \"absent\"",
            Optional.of(new Location("t", 2, 12)),
            "executing \"t\" at <.absent.y>",
            "map has no entry for key \"absent\"",
            2),
        new Case(
            "{{ template \"missing\" }}",
            "template: t:1:12: executing \"t\" at <{{template \"missing\"}}>: template \"missing\""
                + " not defined",
            Optional.of(new Location("t", 1, 12)),
            "executing \"t\" at <{{template \"missing\"}}>",
            "template \"missing\" not defined",
            1));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void partsMakeGosMessage(Case c) {
    TemplateException e =
        catchThrowableOfType(
            () ->
                Template.create(Functions.empty(), MissingKey.ERROR)
                    .parse("t", c.template())
                    .execute("t", Map.of()),
            TemplateException.class);

    assertThat(e).hasMessage(c.message());
    assertThat(e.location()).isEqualTo(c.location());
    assertThat(e.context()).isEqualTo(c.context());
    assertThat(e.detail()).isEqualTo(c.detail());
    assertThat(e.sourceLine()).isEqualTo(c.sourceLine());
  }

  @Test
  void anErrorOutsideATemplateHasNoLocation() {
    TemplateException e =
        catchThrowableOfType(
            () -> Template.create(Functions.empty(), MissingKey.ERROR).execute("absent", Map.of()),
            TemplateException.class);

    assertThat(e)
        .hasMessage("template: no template \"absent\" associated with template \"absent\"");
    assertThat(e.location()).isEmpty();
    assertThat(e.sourceLine()).isZero();
  }
}
