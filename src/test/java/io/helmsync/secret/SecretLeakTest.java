package io.helmsync.secret;

import static io.helmsync.testing.FakeSecretsManager.BATCH;
import static io.helmsync.testing.FakeSecretsManager.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helmsync.helmfile.BuildOutput;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.Release;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ReconcileException;
import io.helmsync.secret.sops.KmsKeys;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Loads a helmfile whose values are references, with known secret values in a fake Secrets Manager,
 * and looks for those values everywhere a person could see them: {@code build} output, a failed
 * load's message, every log record at every level.
 */
class SecretLeakTest {
  static final Path REPO = Path.of("src/test/resources/secret/testdata/orchestrate");
  static final Map<String, String> SECRETS =
      Map.of(
          "orchestrate/demo",
              "{\"registryUser\":\"orchestrate-bot\",\"registryPassword\":"
                  + "\"Reg1stry-P4ss\",\"dbPassword\":\"Db-P4ssw0rd-xyz\",\"dbPort\":5432,"
                  + "\"apiKey\":\"Api-K3y-0123456789\"}",
          "orchestrate/jwt",
              "-----BEGIN CERTIFICATE-----\nMIIBjwtS3cretCert\n-----END CERTIFICATE-----",
          "orchestrate/tx-signer", "{\"privateKey\":\"0xS1gn3rPr1v4teK3y\"}",
          "orchestrate/vault", "{\"rootTokenSecretId\":\"V4ult-R00t-S3cret-Id\"}");
  static final List<String> VALUES =
      List.of(
          "orchestrate-bot",
          "Reg1stry-P4ss",
          "Db-P4ssw0rd-xyz",
          "Api-K3y-0123456789",
          "MIIBjwtS3cretCert",
          "0xS1gn3rPr1v4teK3y",
          "V4ult-R00t-S3cret-Id",
          "Smtp-S0ps-P4ss-env",
          "Hook-S0ps-T0k3n-env");

  /** The age identity the fixture's SOPS-encrypted environment {@code secrets:} is for. */
  static final Path SOPS_KEYS = Path.of("src/test/resources/secret/testdata/sops-keys");

  /** The fake AWS's own logs hold its answers; they are the test's, not the agent's. */
  private static final List<String> FAKE_AWS_LOGGERS =
      List.of("wiremock", "com.github.tomakehurst", "org.eclipse.jetty");

  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (FAKE_AWS_LOGGERS.stream()
              .noneMatch(String.valueOf(record.getLoggerName())::startsWith)) {
            logs.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Level rootLevel;

  @BeforeEach
  void captureEveryLogLevel() {
    SECRETS.forEach(aws::put);
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    // As application.properties does in the agent: the SDK's own logging stays off.
    Logger.getLogger("software.amazon.awssdk").setLevel(Level.OFF);
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(capture);
    Logger.getLogger("").setLevel(rootLevel);
    aws.close();
  }

  private HelmfileLoader loader(String stateFile, Duration refresh) {
    return loader(stateFile, SecretResolver.of(region -> aws.client(), null, refresh));
  }

  private HelmfileLoader loader(String stateFile, SecretResolver resolver) {
    StateOptions defaults = StateOptions.of(stateFile, "orchestrate-demo", Map.of());
    SopsFiles sops =
        new SopsFiles(
            SopsFiles.keys(Optional.empty(), Optional.of(SOPS_KEYS)),
            new KmsKeys(AnonymousCredentialsProvider.create(), Optional.empty()));
    return new HelmfileLoader(defaults.withSecrets(resolver.withSops(sops)));
  }

  private static HelmfileState load(HelmfileLoader loader) {
    return loader.load(RepoFiles.snapshot(REPO, "r1"), "demo");
  }

  @Test
  void referencesResolveEverywhereValuesAreRead() {
    HelmfileState state = load(loader("helmfile.yaml", Duration.ofMinutes(5)));

    Map<String, Object> api = state.releases().get(0).values();
    assertThat(api)
        .containsEntry("auth", Map.of("apiKey", "Api-K3y-0123456789"))
        .containsEntry("db", Map.of("password", "Db-P4ssw0rd-xyz", "port", 5432L))
        .containsEntry("vault", Map.of("rootTokenSecretId", "V4ult-R00t-S3cret-Id"));
    Release txSender = state.releases().get(1);
    assertThat(txSender.values())
        .containsEntry("jwtCertificate", SECRETS.get("orchestrate/jwt"))
        .containsEntry("signerKey", "0xS1gn3rPr1v4teK3y")
        .containsEntry("dsn", "postgres://orchestrate:Db-P4ssw0rd-xyz@db:5432/orchestrate");
    assertThat(state.environmentValues())
        .containsEntry("db", Map.of("password", "Db-P4ssw0rd-xyz", "port", 5432L))
        .containsEntry("smtpPassword", "Smtp-S0ps-P4ss-env");
  }

  @Test
  void buildOutputFailedLoadsAndLogsNeverShowASecret() {
    HelmfileLoader loader = loader("helmfile.yaml", Duration.ofMinutes(5));
    String build = BuildOutput.render(load(loader), "helmfile.yaml");
    ReconcileException failure =
        catchThrowableOfType(
            ReconcileException.class, () -> load(loader("broken.yaml", Duration.ofMinutes(5))));

    assertThat(build)
        .contains("password: '***'", "dsn: postgres://orchestrate:***@db:5432/orchestrate");
    assertThat(failure.getMessage()).contains("the database password *** is too short");
    assertThat(failure.getCause()).isNull();
    List<String> seen = new java.util.ArrayList<>(List.of(build, failure.getMessage()));
    logs.forEach(
        record ->
            seen.add(
                record.getLoggerName()
                    + " "
                    + record.getMessage()
                    + " "
                    + java.util.Arrays.toString(record.getParameters())
                    + " "
                    + record.getThrown()));
    assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(VALUES));
  }

  /** The closing note's numbers: AWS calls for one load of the fixture, with and without cache. */
  @Test
  void oneLoadCostsThreeCallsAndNoneWhileTheCacheIsFresh() {
    HelmfileLoader cached = loader("helmfile.yaml", Duration.ofMinutes(5));
    load(cached);
    // orchestrate/demo for the environment, vault for the template, jwt + tx-signer in a batch.
    assertThat(List.of(aws.requests(GET), aws.requests(BATCH))).containsExactly(2, 1);
    aws.resetRequests();
    load(cached);
    assertThat(aws.requests()).isEmpty();

    HelmfileLoader uncached = loader("helmfile.yaml", Duration.ZERO);
    load(uncached);
    load(uncached);
    assertThat(List.of(aws.requests(GET), aws.requests(BATCH))).containsExactly(4, 2);
  }

  @Test
  void aStateWithoutReferencesNeverAsksForAnAwsClient() {
    SecretResolver noAws =
        SecretResolver.of(
            region -> {
              throw new AssertionError("no AWS client may be built");
            },
            null,
            Duration.ofMinutes(5));
    HelmfileState state =
        loader("helmfile.yaml", noAws)
            .load(RepoFiles.snapshot(Path.of("config-repo-example"), "r1"), "default");
    assertThat(state.releases()).isNotEmpty();
  }
}
