package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.Manifest;
import io.helmsync.model.YamlDocuments;
import io.helmsync.render.ManifestDirectoryRenderer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each of Kubernetes' metadata rules with a value on either side of it. */
class ObjectRulesTest {
  private static final String A_253 = "a".repeat(253);
  private static final String A_63 = "a".repeat(63);

  /**
   * @param yaml the object
   * @param problem what its one problem says; {@code null} when it breaks no rule
   */
  record Case(String name, String yaml, String problem) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        valid("a name of 253 characters", configMap(A_253)),
        new Case(
            "a name of 254 characters",
            configMap(A_253 + "b"),
            "metadata.name is not a DNS-1123 subdomain: 254 characters, at most 253, which "
                + "ConfigMap names must be; rename the object"),
        new Case(
            "a name with a space and a slash",
            configMap("'Evil Name/x'"),
            "metadata.name is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', "),
        new Case("an uppercase name", configMap("Api"), "is not a DNS-1123 subdomain"),
        new Case("a name climbing paths", configMap("../../evil"), "is not a DNS-1123 subdomain"),
        new Case("a name ending in '-'", configMap("api-"), "is not a DNS-1123 subdomain"),
        valid("a name with dots", configMap("api.v2.settings")),
        valid(
            "a Namespace of 63 characters",
            "apiVersion: v1\nkind: Namespace\n" + "metadata: {name: " + A_63 + "}\n"),
        new Case(
            "a Namespace of 64 characters",
            "apiVersion: v1\nkind: Namespace\n" + "metadata: {name: " + A_63 + "b}\n",
            "is not a DNS-1123 label: 64 characters"),
        new Case(
            "a Namespace with a dot",
            "apiVersion: v1\nkind: Namespace\n" + "metadata: {name: team.a}\n",
            "metadata.name is not a DNS-1123 label"),
        valid(
            "a Service",
            "apiVersion: v1\nkind: Service\n" + "metadata: {name: api-2, namespace: demo}\n"),
        new Case(
            "a Service starting with a digit",
            "apiVersion: v1\nkind: Service\n" + "metadata: {name: 2-api, namespace: demo}\n",
            "metadata.name is not a DNS-1035 label"),
        valid(
            "a Service of another group is a custom resource",
            "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: 2-api}\n"),
        valid(
            "a ClusterRole named with colons",
            "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: ClusterRole\nmetadata: {name: 'system:aggregate-to-edit'}\n"),
        new Case(
            "a Role named with a slash",
            "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: Role\nmetadata: {name: 'a/b', namespace: demo}\n",
            "metadata.name is not a valid path segment"),
        new Case(
            "a RoleBinding named '..'",
            "apiVersion: rbac.authorization.k8s.io/v1\n"
                + "kind: RoleBinding\nmetadata: {name: '..', namespace: demo}\n",
            "is not a valid path segment"),
        new Case(
            "a namespace with an underscore",
            "apiVersion: v1\nkind: ConfigMap\n" + "metadata: {name: a, namespace: bad_ns}\n",
            "metadata.namespace is not a DNS-1123 label"),
        valid("a label value of 63 characters", labelled("version: " + A_63)),
        new Case(
            "a label value of 64 characters",
            labelled("version: " + A_63 + "b"),
            "label 'version': the value is not a valid label value: 64 characters, at most 63"),
        valid("an empty label value", labelled("tier: ''")),
        valid("a label value with '_' and '.'", labelled("version: My_Value.1")),
        new Case(
            "a label value starting with '-'",
            labelled("tier: '-x'"),
            "the value is not a valid label value"),
        new Case(
            "a label value that is a number",
            labelled("version: 1.0"),
            "label 'version': the value is a number, not a string; quote it"),
        valid("a prefixed label key", labelled("example.com/app: api")),
        new Case(
            "a label key with two slashes",
            labelled("a/b/c: x"),
            "label 'a/b/c': the key is not a qualified name"),
        new Case(
            "a label key with an empty prefix",
            labelled("/app: x"),
            "the key has an empty prefix before '/'"),
        new Case(
            "a label key with an uppercase prefix",
            labelled("Example.com/app: x"),
            "the key prefix 'Example.com' is not a DNS-1123 subdomain"),
        new Case(
            "a label key with a space",
            labelled("'my app': x"),
            "the key name part is not a qualified name"),
        new Case(
            "a label key of 64 characters",
            labelled(A_63 + "b: x"),
            "the key name part is not a qualified name: 64 characters, at most 63"),
        valid("an uppercase annotation key", annotated("Example.com/Owner: team")),
        new Case(
            "an annotation key with a space",
            annotated("'my note': x"),
            "annotation 'my note': the key name part is not a qualified name"),
        new Case(
            "an annotation value that is a boolean",
            annotated("enabled: true"),
            "annotation 'enabled': the value is a boolean, not a string"),
        new Case(
            "annotations over 256 KiB",
            annotated("big: " + "x".repeat(256 * 1024)),
            "metadata.annotations total 262147 bytes, more than the 262144"),
        valid("Secret data in base64", secret("data", "token: aGVsbG8=")),
        valid("Secret data in base64 over two lines", secret("data", "token: \"aGVs\\nbG8=\"")),
        new Case(
            "Secret data that is not base64",
            secret("data", "token: not-base64!"),
            "data.token is not valid base64 (standard alphabet, padded with '='); encode"),
        new Case(
            "Secret data without its padding",
            secret("data", "token: aGVsbG8"),
            "data.token is not valid base64"),
        new Case(
            "Secret data in URL-safe base64",
            secret("data", "token: _-8="),
            "data.token is not valid base64"),
        new Case(
            "Secret data that is a number",
            secret("data", "port: 5432"),
            "data.port is a number, not a string"),
        valid("Secret stringData in plain text", secret("stringData", "token: not-base64!")),
        new Case(
            "a Secret data key with a slash",
            secret("data", "a/b: aGVsbG8="),
            "data key 'a/b' is not a valid data key"),
        new Case(
            "a ConfigMap data key '.'",
            "apiVersion: v1\nkind: ConfigMap\n" + "metadata: {name: a}\ndata: {'.': x}\n",
            "data key '.' is not a valid data key"),
        valid(
            "ConfigMap data in plain text",
            "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: a}\ndata: {config.yaml: not-base64!}\n"),
        new Case(
            "ConfigMap binaryData that is not base64",
            "apiVersion: v1\nkind: ConfigMap\n"
                + "metadata: {name: a}\nbinaryData: {logo.png: not-base64!}\n",
            "binaryData.logo.png is not valid base64 (standard alphabet, padded with '='); encode "
                + "the value (b64enc in a template) or put it under data as plain text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksTheRule(Case c) {
    List<String> problems = ObjectRules.problems(manifest(c.yaml()));

    if (c.problem() == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems)
          .singleElement()
          .asString()
          .contains(c.problem())
          .doesNotContain("not-base64!");
    }
  }

  static Manifest manifest(String yaml) {
    Map<String, Object> body = YamlDocuments.parse(yaml, "test.yaml").get(0).content();
    return new Manifest(ManifestDirectoryRenderer.refOf(body, "test.yaml"), body, "test.yaml");
  }

  private static Case valid(String name, String yaml) {
    return new Case(name, yaml, null);
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\n";
  }

  private static String labelled(String label) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {" + label + "}\n";
  }

  private static String annotated(String annotation) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {"
        + annotation
        + "}\n";
  }

  private static String secret(String field, String entry) {
    return "apiVersion: v1\nkind: Secret\nmetadata: {name: a}\n" + field + ": {" + entry + "}\n";
  }
}
