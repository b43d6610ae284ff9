package io.helmsync.secret.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ReconcileException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * age files made by the real {@code age} binary are decrypted with identities from the real {@code
 * age-keygen}: the X25519 stanza unwrap, the header MAC, the chunked payload; and a SOPS file whose
 * data key sops would have given to age decrypts with a Flux-style {@code .agekey}.
 */
class AgeFileTest {
  @BeforeEach
  void requireAge() {
    AgeTool.assumeInstalled();
  }

  @Test
  void anIdentityFromAgeKeygenHasTheRecipientAgeKeygenPrints() throws Exception {
    AgeTool.Identity generated = AgeTool.keygen();

    SopsKeys keys =
        SopsKeys.fromSecretData(
            "Secret s",
            Map.of("identity.agekey", generated.keyFile().getBytes(StandardCharsets.UTF_8)));

    assertThat(keys.ageIdentities())
        .singleElement()
        .extracting(AgeIdentity::recipient)
        .isEqualTo(generated.recipient());
    assertThat(keys.toString()).doesNotContain("AGE-SECRET-KEY");
  }

  @Test
  void aDataKeyWrappedByAgeIsUnwrapped() throws Exception {
    AgeTool.Identity other = AgeTool.keygen();
    AgeTool.Identity mine = AgeTool.keygen();
    byte[] dataKey = SopsFileWriter.randomKey();

    String armored = AgeTool.encrypt(dataKey, other.recipient(), mine.recipient());

    assertThat(AgeFile.decrypt(armored, List.of(identity(mine)))).hasValue(dataKey);
    assertThat(AgeFile.decrypt(armored, List.of(identity(AgeTool.keygen())))).isEmpty();
  }

  @Test
  void aPayloadOfSeveralChunksIsDecrypted() throws Exception {
    AgeTool.Identity mine = AgeTool.keygen();
    byte[] large = new byte[150 * 1024];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31);
    }

    String armored = AgeTool.encrypt(large, mine.recipient());

    assertThat(AgeFile.decrypt(armored, List.of(identity(mine)))).hasValue(large);
  }

  @Test
  void aChangedPayloadDoesNotAuthenticate() throws Exception {
    AgeTool.Identity mine = AgeTool.keygen();
    String armored = AgeTool.encrypt(SopsFileWriter.randomKey(), mine.recipient());
    String[] lines = armored.split("\n");
    int last = lines.length - 2;
    lines[last] = (lines[last].charAt(0) == 'A' ? "B" : "A") + lines[last].substring(1);

    assertThatThrownBy(() -> AgeFile.decrypt(String.join("\n", lines), List.of(identity(mine))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSopsFileEncryptedForAnAgeRecipientDecrypts() throws Exception {
    AgeTool.Identity mine = AgeTool.keygen();
    byte[] dataKey = SopsFileWriter.randomKey();
    String keys =
        "age:\n    - recipient: "
            + mine.recipient()
            + "\n      enc: |\n"
            + AgeTool.encrypt(dataKey, mine.recipient()).indent(10);
    byte[] file = SopsFileWriter.yaml(Map.of("password", "s3cr3t"), dataKey, keys);
    SopsKeys keyring =
        SopsKeys.fromSecretData(
            "Secret s", Map.of("age.agekey", mine.keyFile().getBytes(StandardCharsets.UTF_8)));

    SopsDocument document =
        new SopsDecryptor(keyring, SopsFixturesTest.noKms(), 1 << 20).decrypt("secrets.yaml", file);

    assertThat(document.values()).isEqualTo(Map.of("password", "s3cr3t"));
    assertThatThrownBy(
            () ->
                new SopsDecryptor(SopsKeys.none(), SopsFixturesTest.noKms(), 1 << 20)
                    .decrypt("secrets.yaml", file))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            "secrets.yaml: cannot decrypt the SOPS data key; tried age "
                + mine.recipient()
                + ": no age identity for this recipient. helmsync holds 0 age identities and 0 PGP "
                + "keys; add a key the file was encrypted for");
  }

  @Test
  void withMacOnlyEncryptedValuesInClearMayChangeAndOtherwiseNot() throws Exception {
    AgeTool.Identity mine = AgeTool.keygen();
    byte[] dataKey = SopsFileWriter.randomKey();
    String keys =
        "age:\n    - recipient: "
            + mine.recipient()
            + "\n      enc: |\n"
            + AgeTool.encrypt(dataKey, mine.recipient()).indent(10);
    SopsDecryptor decryptor =
        new SopsDecryptor(
            SopsKeys.fromSecretData(
                "Secret s", Map.of("age.agekey", mine.keyFile().getBytes(StandardCharsets.UTF_8))),
            SopsFixturesTest.noKms(),
            1 << 20);
    Map<String, String> secret = Map.of("password", "s3cr3t");
    Map<String, String> clear = Map.of("host_unencrypted", "db.example");

    for (boolean macOnlyEncrypted : new boolean[] {true, false}) {
      String file =
          new String(
              SopsFileWriter.yaml(secret, clear, dataKey, keys, macOnlyEncrypted),
              StandardCharsets.UTF_8);
      byte[] changed = file.replace("db.example", "db.elsewhere").getBytes(StandardCharsets.UTF_8);

      assertThat(decryptor.decrypt("a.yaml", file.getBytes(StandardCharsets.UTF_8)).values())
          .isEqualTo(Map.of("password", "s3cr3t", "host_unencrypted", "db.example"));
      if (macOnlyEncrypted) {
        assertThat(decryptor.decrypt("a.yaml", changed).values())
            .containsEntry("host_unencrypted", "db.elsewhere");
      } else {
        assertThatThrownBy(() -> decryptor.decrypt("a.yaml", changed))
            .hasMessageContaining("the SOPS MAC does not match the values");
      }
    }
  }

  @Test
  void anAgeKeyEntryThatIsNoIdentityStallsNamingTheEntry() {
    assertThatThrownBy(
            () ->
                SopsKeys.fromSecretData(
                    "Secret flux-system/sops-age",
                    Map.of(
                        "age.agekey", "AGE-SECRET-KEY-1NOTAKEY".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith("Secret flux-system/sops-age: age.agekey: not an age identity")
        .hasMessageNotContaining("NOTAKEY");
  }

  private static AgeIdentity identity(AgeTool.Identity generated) {
    return AgeIdentity.parse(
        generated
            .keyFile()
            .lines()
            .filter(line -> line.startsWith("AGE-SECRET-KEY-1"))
            .findFirst()
            .orElseThrow());
  }
}
