package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretRefTest {
  record Case(
      String text,
      SecretRef.Backend backend,
      String path,
      Map<String, String> parameters,
      String fragment,
      String location) {}

  static Stream<Case> references() {
    return Stream.of(
        new Case(
            "ref+awssecrets://orchestrate/demo",
            SecretRef.Backend.AWS_SECRETS,
            "orchestrate/demo",
            Map.of(),
            "",
            "ref+awssecrets://orchestrate/demo"),
        new Case(
            "ref+awssecrets://orchestrate/demo#/db/password",
            SecretRef.Backend.AWS_SECRETS,
            "orchestrate/demo",
            Map.of(),
            "/db/password",
            "ref+awssecrets://orchestrate/demo"),
        new Case(
            "ref+awssecrets://db?region=us-east-1&version_stage=AWSPREVIOUS#/user",
            SecretRef.Backend.AWS_SECRETS,
            "db",
            Map.of("region", "us-east-1", "version_stage", "AWSPREVIOUS"),
            "/user",
            "ref+awssecrets://db?region=us-east-1&version_stage=AWSPREVIOUS"),
        new Case(
            "secretref+awssecrets://db?version_id=abc",
            SecretRef.Backend.AWS_SECRETS,
            "db",
            Map.of("version_id", "abc"),
            "",
            "secretref+awssecrets://db?version_id=abc"),
        new Case(
            "ref+k8s://v1/Secret/demo/registry/password+",
            SecretRef.Backend.KUBERNETES,
            "v1/Secret/demo/registry/password",
            Map.of(),
            "",
            "ref+k8s://v1/Secret/demo/registry/password"));
  }

  @ParameterizedTest
  @MethodSource("references")
  void parses(Case c) {
    SecretRef ref = SecretRef.parse(c.text());
    assertThat(ref.backend()).isEqualTo(c.backend());
    assertThat(ref.path()).isEqualTo(c.path());
    assertThat(ref.parameters()).isEqualTo(c.parameters());
    assertThat(ref.fragment()).isEqualTo(c.fragment());
    assertThat(ref.location()).isEqualTo(c.location());
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void mistakesAreStalledAndNamed(String text, String message) {
    assertThatThrownBy(() -> SecretRef.parse(text))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(message);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> mistakes() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "ref+vault://secret/data/db#/password", "unknown secret backend 'vault'"),
        org.junit.jupiter.params.provider.Arguments.of(
            "ref+awssecrets://db?profile=prod", "unknown parameter 'profile' for awssecrets"),
        org.junit.jupiter.params.provider.Arguments.of("plain text", "is not a secret reference"));
  }
}
