package io.helmsync.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus harness's comparison must find real differences, or its pass rate means nothing. */
class ObjectDiffTest {
  record Case(
      String name,
      List<Map<String, Object>> ours,
      List<Map<String, Object>> helm,
      List<Map<String, Object>> helmAgain,
      Optional<String> difference) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, Object> secret(String name, Object password) {
    return Map.of(
        "kind",
        "Secret",
        "metadata",
        Map.of("name", name),
        "data",
        Collections.singletonMap("password", password));
  }

  static Stream<Case> cases() {
    var a = secret("db", "YWJj");
    var b = secret("db", "eHl6");
    return Stream.of(
        new Case("same objects", List.of(a), List.of(a), List.of(a), Optional.empty()),
        new Case(
            "another value",
            List.of(a),
            List.of(b),
            List.of(b),
            Optional.of("Secret/db: data.password from char 0: helmsync \"YWJj\", helm \"eHl6\"")),
        new Case(
            "a random value Helm changes between renders",
            List.of(a),
            List.of(b),
            List.of(secret("db", "cXJz")),
            Optional.empty()),
        new Case(
            "a random value that is missing",
            List.of(secret("db", null)),
            List.of(b),
            List.of(secret("db", "cXJz")),
            Optional.of("Secret/db: data.password helmsync null, helm \"eHl6\"")),
        new Case(
            "an object only Helm renders",
            List.of(),
            List.of(a),
            List.of(a),
            Optional.of("Secret/db: only in helm's output")),
        new Case(
            "an object only helmsync renders",
            List.of(a, secret("extra", "x")),
            List.of(a),
            List.of(a),
            Optional.of("Secret/extra: only in helmsync's output")),
        new Case(
            "a list item more",
            List.of(pod("a", "b")),
            List.of(pod("a")),
            List.of(pod("a")),
            Optional.of("Pod/p: args[1] helmsync \"b\", helm <absent>")));
  }

  private static Map<String, Object> pod(String... args) {
    return Map.of("kind", "Pod", "metadata", Map.of("name", "p"), "args", List.of(args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsTheFirstDifference(Case c) {
    assertThat(ObjectDiff.first(c.ours(), c.helm(), c.helmAgain())).isEqualTo(c.difference());
  }
}
