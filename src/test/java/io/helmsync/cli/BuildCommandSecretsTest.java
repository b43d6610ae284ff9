package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.testing.FakeSecretsManager;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code helmsync build} with the agent's own AWS client, configured only as an operator would
 * ({@code quarkus.secretsmanager.endpoint-override}, region, static keys), here as system
 * properties, which the launched application reads at start.
 */
@QuarkusMainTest
class BuildCommandSecretsTest {
  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final Map<String, String> configuration = Map.of(
      "quarkus.secretsmanager.endpoint-override", aws.endpoint().toString(),
      "quarkus.secretsmanager.aws.region", "eu-west-1",
      "quarkus.secretsmanager.aws.credentials.type", "static",
      "quarkus.secretsmanager.aws.credentials.static-provider.access-key-id", "AKIDTESTTESTTEST",
      "quarkus.secretsmanager.aws.credentials.static-provider.secret-access-key",
      "test-secret-access-key");

  @BeforeEach
  void configure() {
    configuration.forEach(System::setProperty);
  }

  @AfterEach
  void stop() {
    configuration.keySet().forEach(System::clearProperty);
    aws.close();
  }

  @Test
  void resolvesThroughTheEndpointOverrideAndPrintsNoSecret(QuarkusMainLauncher launcher) {
    aws.put("orchestrate/demo", "{\"registryUser\":\"orchestrate-bot\",\"registryPassword\":"
            + "\"Reg1stry-P4ss\",\"dbPassword\":\"Db-P4ssw0rd-xyz\",\"dbPort\":5432,"
            + "\"apiKey\":\"Api-K3y-0123456789\"}")
        .put("orchestrate/jwt", "MIIBjwtS3cretCert")
        .put("orchestrate/tx-signer", "{\"privateKey\":\"0xS1gn3rPr1v4teK3y\"}")
        .put("orchestrate/vault", "{\"rootTokenSecretId\":\"V4ult-R00t-S3cret-Id\"}");

    LaunchResult result = launcher.launch("build", "--repo",
        "src/test/resources/secret/testdata/orchestrate", "-e", "demo");

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    assertThat(result.getOutput()).contains("jwtCertificate: '***'", "port: 5432");
    assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain("orchestrate-bot",
        "Reg1stry-P4ss", "Db-P4ssw0rd-xyz", "Api-K3y-0123456789", "MIIBjwtS3cretCert",
        "0xS1gn3rPr1v4teK3y", "V4ult-R00t-S3cret-Id");
    assertThat(aws.requests()).hasSize(3);
  }
}
