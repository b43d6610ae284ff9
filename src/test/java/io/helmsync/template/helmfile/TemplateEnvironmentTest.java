package io.helmsync.template.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code env} and {@code requiredEnv} see what the allowlist allows and the env Secret's keys,
 * never the agent's own configuration or credentials, whatever the allowlist says.
 */
class TemplateEnvironmentTest {
  private static final Map<String, String> PROCESS =
      Map.of(
          "IMAGE_TAG", "1.2.3",
          "APP_NAME", "shop",
          "OTHER", "other",
          "AWS_SECRET_ACCESS_KEY", "aws-agent-secret",
          "HELMSYNC_GIT_PASSWORD", "git-agent-password",
          "HELMSYNC_WEBHOOK_SECRET", "webhook-agent-secret",
          "KUBECONFIG", "/home/agent/.kube/config",
          "HTTPS_PROXY", "http://user:proxy-pass@proxy:3128",
          "DB_PASSWORD", "from-secret",
          "AWS_REGION", "eu-west-3");

  /** The keys of the env Secret, whose values the map above already holds on top. */
  private static final Set<String> SECRET_KEYS = Set.of("DB_PASSWORD", "AWS_REGION");

  private static final List<String> AGENT_VALUES =
      List.of(
          "aws-agent-secret",
          "git-agent-password",
          "webhook-agent-secret",
          "/home/agent/.kube/config",
          "proxy-pass");

  @TempDir Path root;

  /**
   * @param allow {@code HELMSYNC_ENV_ALLOW}
   * @param template what a {@code .gotmpl} says
   * @param rendered what it renders to, or {@code null} when it fails
   * @param error what the failure says, when it fails
   */
  record Case(String name, String allow, String template, String rendered, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String agents = " is the agent's own configuration or credentials (";
    String secretHint =
        "pass the value templates need as a key of the Secret named by " + "HELMSYNC_ENV_SECRET";
    return Stream.of(
        new Case("allowed by default", "*", "{{ env \"IMAGE_TAG\" }}", "1.2.3", null),
        new Case("required and allowed", "*", "{{ requiredEnv \"IMAGE_TAG\" }}", "1.2.3", null),
        new Case("unset is empty, as in helmfile", "*", "[{{ env \"UNSET\" }}]", "[]", null),
        new Case(
            "unset and required fails",
            "*",
            "{{ requiredEnv \"UNSET\" }}",
            null,
            "required env var `UNSET` is not set"),
        new Case(
            "AWS credentials",
            "*",
            "{{ env \"AWS_SECRET_ACCESS_KEY\" }}",
            null,
            "error calling env: AWS_SECRET_ACCESS_KEY"
                + agents
                + "AWS_*), which templates never "
                + "read; "
                + secretHint),
        new Case(
            "unset agent variable fails too",
            "*",
            "{{ env \"AWS_ACCESS_KEY_ID\" }}",
            null,
            "AWS_ACCESS_KEY_ID" + agents + "AWS_*)"),
        new Case(
            "Git password, even when allowed by name",
            "HELMSYNC_GIT_PASSWORD",
            "{{ requiredEnv \"HELMSYNC_GIT_PASSWORD\" }}",
            null,
            "error calling requiredEnv: HELMSYNC_GIT_PASSWORD" + agents + "HELMSYNC_*)"),
        new Case(
            "webhook secret, even when allowed by prefix",
            "HELMSYNC_*",
            "{{ env \"HELMSYNC_WEBHOOK_SECRET\" }}",
            null,
            "HELMSYNC_WEBHOOK_SECRET" + agents + "HELMSYNC_*)"),
        new Case(
            "case does not get around it",
            "*",
            "{{ env \"helmsync_webhook_secret\" }}",
            null,
            "helmsync_webhook_secret" + agents + "HELMSYNC_*)"),
        new Case(
            "kubeconfig",
            "*",
            "{{ env \"KUBECONFIG\" }}",
            null,
            "KUBECONFIG" + agents + "KUBECONFIG)"),
        new Case(
            "proxy with a login",
            "*",
            "{{ env \"HTTPS_PROXY\" }}",
            null,
            "HTTPS_PROXY" + agents + "HTTPS_PROXY)"),
        new Case("allowed by prefix", "APP_*,IMAGE_TAG", "{{ env \"APP_NAME\" }}", "shop", null),
        new Case("allowed by name", "APP_*,IMAGE_TAG", "{{ env \"IMAGE_TAG\" }}", "1.2.3", null),
        new Case("unset under an allowed prefix", "APP_*", "[{{ env \"APP_UNSET\" }}]", "[]", null),
        new Case(
            "outside the allowlist",
            "APP_*,IMAGE_TAG",
            "{{ env \"OTHER\" }}",
            null,
            "error calling env: OTHER is not in HELMSYNC_ENV_ALLOW (APP_*,IMAGE_TAG), so "
                + "templates cannot read it; add it there or pass the value as a key of the "
                + "Secret named by HELMSYNC_ENV_SECRET"),
        new Case(
            "env Secret key outside the allowlist",
            "APP_*",
            "{{ requiredEnv \"DB_PASSWORD\" }}",
            "from-secret",
            null),
        new Case(
            "env Secret key with an agent's prefix",
            "APP_*",
            "{{ env \"AWS_REGION\" }}",
            "eu-west-3",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void envSeesTheAllowlistAndTheSecretsKeysOnly(Case c) {
    if (c.rendered() != null) {
      assertThat(render(c.allow(), c.template())).isEqualTo(c.rendered());
    } else {
      assertThatThrownBy(() -> render(c.allow(), c.template()))
          .hasMessageContaining(c.error())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(AGENT_VALUES));
    }
  }

  @Test
  void anAllowedCommandIsGivenOnlyWhatTemplatesMayRead() {
    HelmfileFunctions.Options options =
        HelmfileFunctions.Options.defaults()
            .withAllowedCommands(Set.of("sh"))
            .withEnvAllow(EnvAllowlist.parse(List.of("APP_*")));
    String printed = render(options, "{{ exec \"sh\" (list \"-c\" \"env | sort\") }}");
    assertThat(printed)
        .contains("APP_NAME=shop", "DB_PASSWORD=from-secret", "AWS_REGION=eu-west-3")
        .doesNotContain(AGENT_VALUES)
        .doesNotContain("IMAGE_TAG");
  }

  @Test
  void anAllowlistEntryThatIsNeitherNameNorPrefixIsRefused() {
    assertThatThrownBy(() -> EnvAllowlist.parse(List.of("APP_*", "A*B")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "HELMSYNC_ENV_ALLOW: 'A*B' is neither a variable name nor a prefix ending in "
                + "*; list names such as IMAGE_TAG or prefixes such as APP_*, separated by commas");
    assertThat(EnvAllowlist.parse(List.of(" APP_* ", "", "X")).entries())
        .containsExactly("APP_*", "X");
  }

  private String render(String allow, String template) {
    return render(
        HelmfileFunctions.Options.defaults()
            .withEnvAllow(EnvAllowlist.parse(List.of(allow.split(",")))),
        template);
  }

  private String render(HelmfileFunctions.Options options, String template) {
    HelmfileFunctions functions =
        new HelmfileFunctions(
            root,
            root,
            new TemplateEnvironment(PROCESS, SECRET_KEYS, options.envAllow()),
            SecretPort.NOT_CONFIGURED,
            options);
    return Template.create(functions.functions(), MissingKey.ERROR)
        .parse("values.yaml.gotmpl", template)
        .execute("values.yaml.gotmpl", Map.of());
  }
}
