package io.helmsync.secret.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/**
 * Files encrypted by the real sops (getsops/sops' functional test files, in {@code
 * ../shared/sops-fixtures}, never copied here) decrypt with its public test PGP key and pass the
 * MAC check; changed, MAC-less and plain files are refused. Skipped without the fixtures.
 */
class SopsFixturesTest {
  private static final Path FIXTURES = Path.of("..", "shared", "sops-fixtures");
  private static final String TEST_KEY_FINGERPRINT = "FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4";

  private SopsDecryptor decryptor;

  @BeforeEach
  void loadTestKey() throws IOException {
    assumeTrue(Files.isDirectory(FIXTURES), "no SOPS fixtures in " + FIXTURES);
    SopsKeys keys =
        SopsKeys.fromSecretData(
            "Secret flux-system/sops-gpg",
            Map.of("sops.asc", read("sops_functional_tests_key.asc")));
    decryptor = new SopsDecryptor(keys, noKms(), 1 << 20);
  }

  record Case(String file, Map<String, Object> expected) {}

  static Stream<Case> files() {
    return Stream.of(
        new Case("format.enc.yaml", Map.of("foo", "bar")),
        new Case("format.enc.json", Map.of("foo", "bar")),
        new Case("format.enc.env", Map.of("foo ", " bar")),
        new Case("format.enc.ini", Map.of("foo", Map.of("bar", "baz"))),
        new Case("comments.enc.yaml", Map.of("lorem", "ipsum", "dolor", "sit")),
        new Case("multiple_keys.yaml", Map.of("message", "hello")));
  }

  @ParameterizedTest
  @MethodSource("files")
  void aFileEncryptedBySopsDecryptsAndItsMacMatches(Case test) throws IOException {
    SopsDocument document = decryptor.decrypt(test.file(), read(test.file()));

    assertThat(document.values()).isEqualTo(test.expected());
  }

  @Test
  void typesAreRestoredAndValuesInClearKept() throws IOException {
    Map<String, Object> values = decryptor.decrypt("example.yaml", read("example.yaml")).values();

    assertThat(values)
        .containsEntry("number", 1.234568e9)
        .containsEntry("somebooleans", List.of(true, false))
        .containsEntry(
            "somelist_unencrypted",
            List.of(
                "all elements of this list",
                "remain in clear text",
                "because of the _unencrypted suffix in the key"))
        .containsEntry(
            "nested_unencrypted",
            Map.of("this", Map.of("is", Map.of("all", "going to remain in clear text"))))
        .doesNotContainKey("sops");
    assertThat(values.get("app2"))
        .asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("db", Map.of("user", "eve", "password", "c4r1b0u"));
    assertThat(decryptor.decrypt("example.json", read("example.json")).values())
        .containsEntry("age", 25.4)
        .containsEntry("anEmptyValue", "")
        .containsEntry(
            "phoneNumbers",
            List.of(
                Map.of("type", "home", "number", "212 555-1234"),
                Map.of("type", "office", "number", "646 555-4567")));
  }

  @Test
  void aFileWithOneByteChangedIsRefusedAsModified() throws IOException {
    String text = new String(read("format.enc.yaml"), StandardCharsets.UTF_8);
    int data = text.indexOf("data:") + "data:".length();
    char changed = text.charAt(data) == 'A' ? 'B' : 'A';
    byte[] tampered =
        (text.substring(0, data) + changed + text.substring(data + 1))
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> decryptor.decrypt("secrets.yaml", tampered))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessage(
            "secrets.yaml: the value at foo does not decrypt with the file's data key; "
                + "the file was modified after sops encrypted it");
  }

  @Test
  void aValueInClearChangedIsRefusedByTheMac() throws IOException {
    String text = new String(read("example.yaml"), StandardCharsets.UTF_8);
    byte[] tampered =
        text.replace("remain in clear text", "remain in clear text!")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> decryptor.decrypt("example.yaml", tampered))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            "example.yaml: the SOPS MAC does not match the values; the file was modified "
                + "after sops encrypted it (re-encrypt it with sops)");
  }

  @Test
  void aFileWithoutMacIsRefused() throws IOException {
    assertThatThrownBy(() -> decryptor.decrypt("no_mac.yaml", read("no_mac.yaml")))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith("no_mac.yaml: the SOPS file has no MAC");
  }

  @Test
  void aPlainFileIsRefusedAsNotEncrypted() throws IOException {
    assertThatThrownBy(() -> decryptor.decrypt("plainfile.yaml", read("plainfile.yaml")))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            "plainfile.yaml: not encrypted with SOPS (it has no sops metadata); encrypt it "
                + "with sops, or load it as a plain file");
  }

  @Test
  void withoutTheKeyTheErrorNamesTheKeysTriedButNoKeyMaterial() throws IOException {
    SopsDecryptor keyless = new SopsDecryptor(SopsKeys.none(), noKms(), 1 << 20);

    assertThatThrownBy(() -> keyless.decrypt("multiple_keys.yaml", read("multiple_keys.yaml")))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessage(
            "multiple_keys.yaml: cannot decrypt the SOPS data key; tried pgp "
                + TEST_KEY_FINGERPRINT
                + ": no secret key for it; pgp "
                + "D7229043384BCC60326C6FB9D8720D957C3D3074: no secret key for it. helmsync holds "
                + "0 age identities and 0 PGP keys; add a key the file was encrypted for");
  }

  @Test
  void aSecondDecryptionOfTheSameContentComesFromTheCache() throws IOException {
    decryptor.decrypt("a.yaml", read("format.enc.yaml"));
    decryptor.decrypt("b.yaml", read("format.enc.yaml"));

    assertThat(decryptor.cacheStats().hits()).isEqualTo(1);
  }

  @Test
  void theKeyringNamesItsKeysByFingerprint() throws IOException {
    SopsKeys keys =
        SopsKeys.fromSecretData(
            "Secret s",
            Map.of("sops.asc", read("sops_functional_tests_key.asc"), "README", new byte[] {1}));

    assertThat(keys.toString())
        .isEqualTo("SopsKeys[0 age identities and 1 PGP keys (" + TEST_KEY_FINGERPRINT + ")]");
  }

  @Test
  void keysAreReadFromAMountedDirectory(@TempDir Path mounted) throws IOException {
    Path data = Files.createDirectory(mounted.resolve("..2026_12_06_data"));
    Files.write(data.resolve("sops.asc"), read("sops_functional_tests_key.asc"));
    Files.createSymbolicLink(mounted.resolve("sops.asc"), data.resolve("sops.asc"));
    Files.writeString(mounted.resolve("README.md"), "not a key");

    SopsKeys keys = SopsKeys.fromDirectory(mounted);

    assertThat(
            new SopsDecryptor(keys, noKms(), 1 << 20)
                .decrypt("format.enc.yaml", read("format.enc.yaml"))
                .values())
        .isEqualTo(Map.of("foo", "bar"));
  }

  static KmsKeys noKms() {
    return new KmsKeys(AnonymousCredentialsProvider.create(), Optional.empty());
  }

  private static byte[] read(String name) throws IOException {
    return Files.readAllBytes(FIXTURES.resolve(name));
  }
}
