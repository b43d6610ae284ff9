package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sprig's base64/base32 functions; decoding errors come back as Go's error text, not errors. */
class SprigEncodingTest {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case("{{ b64enc \"héllo\" }}|{{ b64enc \"\" }}", "aMOpbGxv|"),
        new Case(
            "{{ b64dec \"aGVsbG8=\" }}|{{ b64dec \"aGVs\\nbG8=\" }}|{{ b64dec \"\" }}",
            "hello|hello|"),
        new Case("{{ b64dec \"aGVsbG8\" }}", "illegal base64 data at input byte 4"),
        new Case("{{ b64dec \"a!==\" }}", "illegal base64 data at input byte 1"),
        new Case("{{ b64dec \"aGVsbG8=x\" }}", "illegal base64 data at input byte 8"),
        new Case("{{ b64dec \"aGVsbG==\" }}", "hell"),
        new Case("{{ b64dec \"aGVsbA=\" }}", "illegal base64 data at input byte 7"),
        new Case("{{ b64dec \"a===\" }}", "illegal base64 data at input byte 1"),
        new Case(
            "{{ b32enc \"hello\" }}|{{ b32enc \"hi\" }}|{{ b32enc \"héllo wörld\" }}",
            "NBSWY3DP|NBUQ====|NDB2S3DMN4QHPQ5WOJWGI==="),
        new Case(
            "{{ b32dec \"NBSWY3DP\" }}|{{ b32dec \"NBUQ====\" }}|{{ b32dec \"NDB2S3DMN4QHPQ5WOJWGI===\" }}",
            "hello|hi|héllo wörld"),
        new Case("{{ b32dec \"NBSW\" }}", "illegal base32 data at input byte 0"),
        new Case("{{ b32dec \"nbswy3dp\" }}", "illegal base32 data at input byte 0"),
        new Case("{{ b32dec \"NBU=====\" }}", "illegal base32 data at input byte 3"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsSprigDoes(Case c) {
    assertThat(
            Template.create(SprigEncoding.functions(), MissingKey.DEFAULT)
                .parse("t", c.template())
                .execute("t", java.util.Map.of()))
        .isEqualTo(c.expected());
  }
}
