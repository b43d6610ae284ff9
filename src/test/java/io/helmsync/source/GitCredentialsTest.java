package io.helmsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GitCredentialsTest {
  @TempDir Path secretDir;

  record Case(
      String name, Map<String, String> env, String username, String password, String source) {}

  static Stream<Case> environments() {
    return Stream.of(
        new Case("nothing set", Map.of(), null, null, "no credentials"),
        new Case("blank values", Map.of("HELMSYNC_GIT_TOKEN", "  "), null, null, "no credentials"),
        new Case(
            "token alone",
            Map.of("HELMSYNC_GIT_TOKEN", "tk-91c2"),
            "x-access-token",
            "tk-91c2",
            "environment variable HELMSYNC_GIT_TOKEN"),
        new Case(
            "token with user name",
            Map.of("HELMSYNC_GIT_TOKEN", "tk-91c2", "HELMSYNC_GIT_USERNAME", "x-token-auth"),
            "x-token-auth",
            "tk-91c2",
            "environment variable HELMSYNC_GIT_TOKEN and HELMSYNC_GIT_USERNAME"),
        new Case(
            "user name and password",
            Map.of("HELMSYNC_GIT_USERNAME", "bob", "HELMSYNC_GIT_PASSWORD", "pw"),
            "bob",
            "pw",
            "environment variables HELMSYNC_GIT_USERNAME and HELMSYNC_GIT_PASSWORD"),
        new Case(
            "token wins over password",
            Map.of(
                "HELMSYNC_GIT_TOKEN",
                "tk-91c2",
                "HELMSYNC_GIT_USERNAME",
                "bob",
                "HELMSYNC_GIT_PASSWORD",
                "pw"),
            "bob",
            "tk-91c2",
            "environment variable HELMSYNC_GIT_TOKEN and HELMSYNC_GIT_USERNAME"));
  }

  @ParameterizedTest
  @MethodSource("environments")
  void choosesCredentialsFromTheEnvironment(Case c) {
    GitCredentials credentials = GitCredentials.from(c.env());

    assertThat(credentials.login().map(GitCredentials.Login::username))
        .as(c.name())
        .isEqualTo(Optional.ofNullable(c.username()));
    assertThat(credentials.login().map(GitCredentials.Login::password))
        .as(c.name())
        .isEqualTo(Optional.ofNullable(c.password()));
    assertThat(credentials.source()).as(c.name()).isEqualTo(c.source());
    if (c.password() != null) {
      assertThat(credentials.toString()).doesNotContain(c.password());
      assertThat(credentials.login().orElseThrow().toString()).doesNotContain(c.password());
    }
  }

  @Test
  void passwordWithoutUserNameIsRejected() {
    assertThatThrownBy(() -> GitCredentials.from(Map.of("HELMSYNC_GIT_PASSWORD", "pw")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HELMSYNC_GIT_USERNAME")
        .hasMessageNotContaining("pw");
  }

  @Test
  void secretDirectoryWinsAndIsReadOnEveryCall() throws IOException {
    GitCredentials credentials =
        GitCredentials.from(
            Map.of(
                "HELMSYNC_GIT_CREDENTIALS_DIR", secretDir.toString(), "HELMSYNC_GIT_TOKEN", "env"));
    Files.writeString(secretDir.resolve("token"), "first\n");
    assertThat(credentials.login()).contains(new GitCredentials.Login("x-access-token", "first"));

    Files.writeString(secretDir.resolve("token"), "second\n");
    Files.writeString(secretDir.resolve("username"), "bot\n");
    assertThat(credentials.login()).contains(new GitCredentials.Login("bot", "second"));
    assertThat(credentials.source()).contains(secretDir.toString());
    assertThat(credentials.toString()).doesNotContain("second");
  }

  @Test
  void secretDirectoryWithUserNameAndPassword() throws IOException {
    Files.writeString(secretDir.resolve("username"), "bob");
    Files.writeString(secretDir.resolve("password"), "pw\n");

    assertThat(GitCredentials.secretDirectory(secretDir).login())
        .contains(new GitCredentials.Login("bob", "pw"));
  }

  @Test
  void unusableSecretDirectoryStallsSayingWhatItNeeds() throws IOException {
    Files.writeString(secretDir.resolve("password"), "pw-without-user");

    assertThatThrownBy(() -> GitCredentials.secretDirectory(secretDir).login())
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(secretDir.toString())
        .hasMessageContaining("no file token and no files username and password")
        .hasMessageNotContaining("pw-without-user");
  }

  @Test
  void urlUserinfoIsUsedOnlyWhenNothingElseIsConfigured() {
    String url = "https://bob:from-url@git.example.com/repo.git";

    GitSpec fromUrl = GitSpec.of(url, secretDir);
    GitSpec configured =
        GitSpec.of(url, secretDir)
            .withCredentials(GitCredentials.fixed("ann", "configured", "test"));

    assertThat(fromUrl.url()).isEqualTo("https://git.example.com/repo.git");
    assertThat(fromUrl.credentials().login()).contains(new GitCredentials.Login("bob", "from-url"));
    assertThat(fromUrl.toString()).doesNotContain("from-url");
    assertThat(configured.credentials().login())
        .contains(new GitCredentials.Login("ann", "configured"));
  }

  @Test
  void specRejectsUnsupportedSchemesWithoutEchoingCredentials() {
    assertThatThrownBy(() -> GitSpec.of("ssh://git:hunter2@example.com/repo.git", secretDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssh://example.com/repo.git")
        .hasMessageContaining("SSH is not supported yet")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void specDefaultsToMain() {
    assertThat(GitSpec.of("git://h/r.git", secretDir).ref()).isEqualTo("main");
    assertThat(GitSpec.of("git://h/r.git", secretDir).withRef(" ").ref()).isEqualTo("main");
  }
}
