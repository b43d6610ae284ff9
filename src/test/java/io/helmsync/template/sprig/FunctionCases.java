package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.Functions;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of one function library: a subclass gives the functions, what dot is, and two
 * static tables, {@code outputs()} (template → output) and {@code errors()} (template → the end of
 * the error message).
 */
abstract class FunctionCases {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  /** The functions the templates may call. */
  abstract Functions functions();

  /** What {@code .} is in the templates. */
  abstract Object data();

  @ParameterizedTest
  @MethodSource("outputs")
  void renders(Case c) {
    assertThat(render(c.template())).isEqualTo(c.expected());
  }

  @ParameterizedTest
  @MethodSource("errors")
  void fails(Case c) {
    assertThatThrownBy(() -> render(c.template()))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith(c.expected());
  }

  /** Renders {@code template} with this library's functions and data. */
  String render(String template) {
    return render(template, data());
  }

  /** Renders {@code template} with this library's functions and {@code dot} as data. */
  String render(String template, Object dot) {
    return Template.create(functions(), MissingKey.DEFAULT).parse("t", template).execute("t", dot);
  }
}
