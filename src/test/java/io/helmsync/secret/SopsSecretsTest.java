package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helmsync.helmfile.BuildOutput;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.secret.sops.KmsKeys;
import io.helmsync.secret.sops.SopsDecryptor;
import io.helmsync.secret.sops.SopsKeys;
import io.helmsync.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * helmfile's {@code secrets:} as helm-secrets repositories write them: environment and release
 * files encrypted with SOPS (age, by the real {@code age}; PGP, by the real {@code sops}) load to
 * the same values as the same files in clear, are refused naming the file and the keys tried when
 * helmsync holds no key for them, and their values never show in output, errors or logs.
 */
class SopsSecretsTest {
  private static final Path REPO = Path.of("src/test/resources/secret/testdata/sops");
  private static final Path KEYS = Path.of("src/test/resources/secret/testdata/sops-keys");
  private static final Path OTHER_KEYS =
      Path.of("src/test/resources/secret/testdata/sops-keys-other");
  private static final Path FIXTURES = Path.of("..", "shared", "sops-fixtures");
  private static final String RECIPIENT =
      "age1as62f9909d2dyehpk259v6l8mc65qqnsns3uluac0x6yywppdf7qfadvma";
  private static final List<String> VALUES =
      List.of("Smtp-S0ps-P4ss-env", "Hook-S0ps-T0k3n-env", "S3ss10n-S0ps-K3y-rel");

  private static final KmsKeys NO_KMS =
      new KmsKeys(AnonymousCredentialsProvider.create(), Optional.empty());

  /** Loads with the keys of a mounted directory, as {@code HELMSYNC_SOPS_KEYS_DIR} gives them. */
  private static HelmfileState load(Path repo, String stateFile, Path keysDir) {
    return load(repo, stateFile, SopsFiles.keys(Optional.empty(), Optional.of(keysDir)));
  }

  private static HelmfileState load(Path repo, String stateFile, Supplier<SopsKeys> keys) {
    SecretResolver resolver = SecretResolver.unconfigured().withSops(new SopsFiles(keys, NO_KMS));
    return new HelmfileLoader(StateOptions.of(stateFile, "demo", Map.of()).withSecrets(resolver))
        .load(RepoFiles.snapshot(repo, "r1"), "demo");
  }

  @Test
  void encryptedSecretsLoadTheSameValuesAsTheFilesInClear() {
    HelmfileState encrypted = load(REPO, "helmfile.yaml", KEYS);
    HelmfileState clear = load(REPO, "plain.yaml", KEYS);

    assertThat(encrypted.environmentValues())
        .isEqualTo(clear.environmentValues())
        .containsEntry("smtpPassword", "Smtp-S0ps-P4ss-env");
    assertThat(encrypted.releases().get(0).values())
        .isEqualTo(clear.releases().get(0).values())
        .containsEntry("smtp", Map.of("host", "mail.example.com", "password", "Smtp-S0ps-P4ss-env"))
        .containsEntry("sessionKey", "S3ss10n-S0ps-K3y-rel");
    // What render, diff, the agent's logs, Events and status mask.
    assertThat(encrypted.secretValues()).containsAll(VALUES);
  }

  @Test
  void aFileEncryptedForAnotherKeyIsStalledNamingTheFileAndTheKeysTried() {
    assertThatThrownBy(() -> load(REPO, "helmfile.yaml", OTHER_KEYS))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(
            "secrets/demo.yaml: cannot decrypt the SOPS data key; tried age "
                + RECIPIENT
                + ": no age identity for this recipient. helmsync holds 1 age identities")
        .hasMessageNotContaining("AGE-SECRET-KEY");
  }

  @Test
  void buildOutputErrorsAndLogsNeverShowADecryptedValue() {
    List<LogRecord> logs = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logs.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    Level level = root.getLevel();
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    try {
      String build = BuildOutput.render(load(REPO, "helmfile.yaml", KEYS), "helmfile.yaml");
      ReconcileException failure =
          catchThrowableOfType(ReconcileException.class, () -> load(REPO, "broken.yaml", KEYS));

      assertThat(build).contains("sessionKey: '***'", "token=***");
      assertThat(failure.getMessage()).contains("the smtp password *** is too short");
      List<String> seen = new ArrayList<>(List.of(build, failure.getMessage()));
      logs.forEach(
          record ->
              seen.add(
                  record.getLoggerName()
                      + " "
                      + record.getMessage()
                      + " "
                      + Arrays.toString(record.getParameters())
                      + " "
                      + record.getThrown()));
      assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(VALUES));
    } finally {
      root.removeHandler(capture);
      root.setLevel(level);
    }
  }

  @Test
  void aMissingSecretsFileFollowsTheMissingFileHandler(@TempDir Path repo) {
    String release =
        "environments:\n  demo: {}\n---\nreleases:\n- name: a\n  chart: ./a\n"
            + "  secrets: [secrets/nope.yaml]\n";
    RepoFiles.write(
        repo,
        Map.of(
            "strict.yaml",
            release,
            "lenient.yaml",
            "missingFileHandler: Warn\n" + release,
            "environment.yaml",
            "environments:\n  demo:\n    secrets: [secrets/gone.yaml]\n"));

    assertThat(load(repo, "lenient.yaml", KEYS).releases().get(0).values()).isEmpty();
    assertThatThrownBy(() -> load(repo, "strict.yaml", KEYS))
        .hasMessageContaining("secrets/nope.yaml");
    assertThatThrownBy(() -> load(repo, "environment.yaml", KEYS))
        .hasMessageContaining("secrets/gone.yaml");
  }

  /** A file the real sops encrypted with its PGP test key, as a release's secrets file. */
  @Test
  void aPgpFileFromRealSopsIsAReleaseSecretsFile(@TempDir Path repo) throws IOException {
    assumeTrue(Files.isDirectory(FIXTURES), "no SOPS fixtures in " + FIXTURES);
    byte[] encrypted = Files.readAllBytes(FIXTURES.resolve("example.yaml"));
    SopsKeys pgp =
        SopsKeys.fromSecretData(
            "test",
            Map.of(
                "sops.asc", Files.readAllBytes(FIXTURES.resolve("sops_functional_tests_key.asc"))));
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml",
            "environments:\n  demo: {}\n---\nreleases:\n- name: app\n  chart: ./app\n"
                + "  secrets: [secrets/example.yaml]\n"));
    Files.write(
        Files.createDirectories(repo.resolve("secrets")).resolve("example.yaml"), encrypted);

    HelmfileState state = load(repo, "helmfile.yaml", () -> pgp);

    assertThat(state.releases().get(0).values())
        .isEqualTo(
            new SopsDecryptor(pgp, NO_KMS, 1 << 20).decrypt("example.yaml", encrypted).values());
    assertThat(state.releases().get(0).values()).containsKey("myapp1");
  }
}
