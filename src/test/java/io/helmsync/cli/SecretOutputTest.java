package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.helmsync.model.YamlDocuments;
import io.helmsync.testing.FakeSecretsManager;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code helmsync build} and {@code render} with the agent's own AWS client, configured only as an
 * operator would ({@code quarkus.secretsmanager.endpoint-override}, region, static keys), here as
 * system properties, which the launched application reads at start.
 */
@QuarkusMainTest
class SecretOutputTest {
  private static final String REPO = "src/test/resources/secret/testdata/orchestrate";
  private static final List<String> VALUES =
      List.of(
          "orchestrate-bot",
          "Reg1stry-P4ss",
          "Db-P4ssw0rd-xyz",
          "Api-K3y-0123456789",
          "MIIBjwtS3cretCert",
          "0xS1gn3rPr1v4teK3y",
          "V4ult-R00t-S3cret-Id",
          "Smtp-S0ps-P4ss-env");

  /** The key of the fixture's SOPS-encrypted environment {@code secrets:}. */
  private static final String SOPS_KEYS = "src/test/resources/secret/testdata/sops-keys";

  private final FakeSecretsManager aws = new FakeSecretsManager().configureLaunches();

  @AfterEach
  void stop() {
    aws.close();
    System.clearProperty("helmsync.sops-keys-dir");
  }

  @BeforeEach
  void storeTheSecrets() {
    System.setProperty("helmsync.sops-keys-dir", SOPS_KEYS);
    aws.put(
            "orchestrate/demo",
            "{\"registryUser\":\"orchestrate-bot\",\"registryPassword\":"
                + "\"Reg1stry-P4ss\",\"dbPassword\":\"Db-P4ssw0rd-xyz\",\"dbPort\":5432,"
                + "\"apiKey\":\"Api-K3y-0123456789\"}")
        .put("orchestrate/jwt", "MIIBjwtS3cretCert")
        .put("orchestrate/tx-signer", "{\"privateKey\":\"0xS1gn3rPr1v4teK3y\"}")
        .put("orchestrate/vault", "{\"rootTokenSecretId\":\"V4ult-R00t-S3cret-Id\"}");
  }

  @Test
  void resolvesThroughTheEndpointOverrideAndPrintsNoSecret(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("build", "--repo", REPO, "-e", "demo");

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    assertThat(result.getOutput()).contains("jwtCertificate: '***'", "port: 5432");
    assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain(VALUES);
    assertThat(aws.requests()).hasSize(3);
  }

  @Test
  void renderHidesResolvedValuesInEveryObjectAndInTheirBase64Form(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("render", "--repo", REPO, "-e", "demo");

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    Map<String, Map<String, Object>> data = dataByObject(result.getOutput());
    assertThat(data.get("Secret/api"))
        .containsOnly(entry("apiKey", "***"), entry("dbPassword", "***"));
    assertThat(data.get("ConfigMap/api"))
        .containsOnly(
            entry("VAULT_SECRET_ID", "***"),
            entry("REGISTRY_USER", "***"),
            entry("DB_PORT", "5432"),
            entry("SMTP_PASSWORD", "***"));
    assertThat(data.get("ConfigMap/tx-sender"))
        .containsOnly(
            entry("DB_DSN", "postgres://orchestrate:***@db:5432/orchestrate"),
            entry("JWT_CERTIFICATE", "***"),
            entry("SIGNER_KEY_BASE64", "***"));
    assertThat(result.getOutput() + result.getErrorOutput())
        .doesNotContain(VALUES)
        .doesNotContain(VALUES.stream().map(SecretOutputTest::base64).toList());
  }

  @Test
  void renderShowsSecretsOnlyWhenAskedTo(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("render", "--show-secrets", "--repo", REPO, "-e", "demo");

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    Map<String, Map<String, Object>> data = dataByObject(result.getOutput());
    assertThat(data.get("Secret/api")).containsEntry("apiKey", base64("Api-K3y-0123456789"));
    assertThat(data.get("ConfigMap/tx-sender"))
        .containsEntry("DB_DSN", "postgres://orchestrate:Db-P4ssw0rd-xyz@db:5432/orchestrate")
        .containsEntry("SIGNER_KEY_BASE64", base64("0xS1gn3rPr1v4teK3y"));
  }

  /** The data of each printed object; the launcher mixes in the logs of later launches, skipped. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> dataByObject(String output) {
    Map<String, Map<String, Object>> data = new LinkedHashMap<>();
    YamlDocuments.parse(output.substring(output.indexOf("---\n")), "stdout")
        .forEach(
            document ->
                data.put(
                    document.content().get("kind")
                        + "/"
                        + ((Map<String, Object>) document.content().get("metadata")).get("name"),
                    (Map<String, Object>) document.content().get("data")));
    return data;
  }

  static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
