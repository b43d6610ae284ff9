package io.helmsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GitUrlTest {
  record Case(String url, String safe, String username, String password) {}

  static Stream<Case> urls() {
    return Stream.of(
        new Case("https://github.com/org/repo.git", "https://github.com/org/repo.git", null, null),
        new Case(
            "https://x-access-token:ghp_s3cret@github.com/org/repo.git",
            "https://github.com/org/repo.git",
            "x-access-token",
            "ghp_s3cret"),
        new Case(
            "http://user:p%40ss%2Bw+rd@host:8080/git/repo.git",
            "http://host:8080/git/repo.git", "user", "p@ss+w+rd"),
        new Case("https://user:p@ss@host/repo.git", "https://host/repo.git", "user", "p@ss"),
        new Case("https://token@host/repo.git", "https://host/repo.git", "token", ""),
        new Case("git://127.0.0.1:9418/repo.git", "git://127.0.0.1:9418/repo.git", null, null),
        new Case("file:///srv/git/repo.git", "file:///srv/git/repo.git", null, null),
        new Case("git@github.com:org/repo.git", "git@github.com:org/repo.git", null, null),
        new Case("https://host/repo.git?ref=a@b", "https://host/repo.git?ref=a@b", null, null));
  }

  @ParameterizedTest
  @MethodSource("urls")
  void splitsCredentialsFromTheUrl(Case c) {
    GitUrl parsed = GitUrl.parse(c.url());

    assertThat(parsed.safe()).isEqualTo(c.safe());
    assertThat(GitUrl.withoutCredentials(c.url())).isEqualTo(c.safe());
    assertThat(parsed.toString()).isEqualTo(c.safe());
    assertThat(parsed.userinfo().map(GitCredentials.Login::username))
        .isEqualTo(Optional.ofNullable(c.username()));
    assertThat(parsed.userinfo().map(GitCredentials.Login::password))
        .isEqualTo(Optional.ofNullable(c.password()));
  }

  @ParameterizedTest
  @MethodSource("urls")
  void redactsUrlsInsideText(Case c) {
    String text = "fetch of " + c.url() + " failed: " + c.url() + "/info/refs";

    assertThat(GitUrl.redact(text))
        .isEqualTo("fetch of " + c.safe() + " failed: " + c.safe() + "/info/refs");
  }

  @ParameterizedTest
  @MethodSource("urls")
  void loginNeverPrintsThePassword(Case c) {
    GitUrl.parse(c.url())
        .userinfo()
        .filter(login -> !login.password().isEmpty())
        .ifPresent(login -> assertThat(login.toString()).doesNotContain(login.password()));
  }
}
