package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.YamlDocuments;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LiveComparisonTest {
  record Case(
      String name, String desired, String live, List<String> ignored, List<String> differences) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    String container =
        "spec:\n  containers:\n  - name: api\n    resources:\n      requests: {cpu: %s, memory: %s}\n";
    return List.of(
        new Case(
            "equal quantities in another notation",
            container.formatted("500m", "1Gi"),
            container.formatted("'0.5'", "1024Mi"),
            List.of(),
            List.of()),
        new Case(
            "a changed quantity",
            container.formatted("500m", "1Gi"),
            container.formatted("'0.6'", "1Gi"),
            List.of(),
            List.of("spec.containers[0].resources.requests.cpu")),
        new Case(
            "an int-or-string port written as a string",
            "spec:\n  ports:\n  - {port: 80, targetPort: 8080}\n",
            "spec:\n  ports:\n  - {port: 80, targetPort: '8080', protocol: TCP}\n",
            List.of(),
            List.of()),
        new Case(
            "defaulted fields absent from Git",
            "spec:\n  replicas: 2\n",
            "spec:\n  replicas: 2\n  revisionHistoryLimit: 10\n  strategy: {type: RollingUpdate}\n",
            List.of(),
            List.of()),
        new Case(
            "a ConfigMap value that only looks like a number is compared as text",
            "data:\n  level: '1'\n",
            "data:\n  level: '1.0'\n",
            List.of(),
            List.of("data.level")),
        new Case(
            "a quantity-like text outside resources is compared as text",
            "data:\n  memory: 1Gi\n",
            "data:\n  memory: 1024Mi\n",
            List.of(),
            List.of("data.memory")),
        new Case(
            "an ignored path",
            "spec:\n  replicas: 2\n  paused: false\n",
            "spec:\n  replicas: 7\n  paused: true\n",
            List.of("spec.replicas"),
            List.of("spec.paused")),
        new Case(
            "a list of another length is one difference",
            "spec:\n  args: [a, b]\n",
            "spec:\n  args: [a]\n",
            List.of(),
            List.of("spec.args")),
        new Case(
            "a missing field",
            "data:\n  a: x\n  b: y\n",
            "data:\n  a: x\n",
            List.of(),
            List.of("data.b")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void namesTheFieldsThatDifferAfterNormalisation(Case c) {
    assertThat(LiveComparison.differences(yaml(c.desired()), yaml(c.live()), c.ignored()))
        .containsExactlyElementsOf(c.differences());
  }

  private static Map<String, Object> yaml(String text) {
    return YamlDocuments.parse(text, "case.yaml").get(0).content();
  }
}
