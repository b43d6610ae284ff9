package io.helmsync.secret.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keyring's failures name the entry or directory, never the content. */
class SopsKeysTest {
  @Test
  void aPgpEntryThatIsNoKeyStallsNamingTheEntry() {
    byte[] notAKey =
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret-ish\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                SopsKeys.fromSecretData("Secret flux-system/sops-gpg", Map.of("sops.asc", notAKey)))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageStartingWith("Secret flux-system/sops-gpg: sops.asc: ")
        .hasMessageNotContaining("secret-ish");
  }

  @Test
  void aMissingDirectoryStalls(@TempDir Path parent) {
    Path missing = parent.resolve("sops-keys");

    assertThatThrownBy(() -> SopsKeys.fromDirectory(missing))
        .isInstanceOf(ReconcileException.class)
        .hasMessage(
            missing
                + ": cannot read SOPS keys (NoSuchFileException); mount the keys' "
                + "Secret there");
  }

  @Test
  void anEmptyKeyringSaysSo() {
    assertThat(SopsKeys.fromSecretData("Secret s", Map.of("README", new byte[0])))
        .hasToString("SopsKeys[0 age identities and 0 PGP keys]");
  }
}
