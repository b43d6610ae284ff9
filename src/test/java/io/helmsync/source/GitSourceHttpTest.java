package io.helmsync.source;

import static io.helmsync.testing.LighttpdGitHttpFixture.PASSWORD;
import static io.helmsync.testing.LighttpdGitHttpFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.LighttpdGitHttpFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitSource} over smart HTTP with basic authentication, served by lighttpd. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GitSourceHttpTest {
  @TempDir Path serverDir;
  @TempDir Path workDir;
  @TempDir Path secretDir;

  private LighttpdGitHttpFixture http;
  private String sha;

  @BeforeEach
  void startServer() {
    http = LighttpdGitHttpFixture.start(serverDir);
    sha = http.writeFile("main", "helmfile.yaml", "releases: []\n", "initial");
  }

  @AfterEach
  void stopServer() {
    http.close();
  }

  @Test
  void fetchesWithUsernameAndPasswordFromTheEnvironment() {
    GitCredentials credentials =
        GitCredentials.from(
            Map.of("HELMSYNC_GIT_USERNAME", USERNAME, "HELMSYNC_GIT_PASSWORD", PASSWORD));

    SourceSnapshot snapshot = source(http.url(), credentials).fetch(null);

    assertThat(snapshot.revision()).isEqualTo(sha);
    assertThat(snapshot.dir().resolve("helmfile.yaml")).hasContent("releases: []");
  }

  @Test
  void fetchesWithATokenAndAUsername() {
    GitCredentials credentials =
        GitCredentials.from(
            Map.of("HELMSYNC_GIT_USERNAME", USERNAME, "HELMSYNC_GIT_TOKEN", PASSWORD));

    assertThat(source(http.url(), credentials).fetch(null).revision()).isEqualTo(sha);
  }

  @Test
  void wrongPasswordStallsNamingTheSourceButNotTheValue() {
    GitCredentials credentials =
        GitCredentials.from(
            Map.of(
                "HELMSYNC_GIT_USERNAME", USERNAME, "HELMSYNC_GIT_PASSWORD", "wrong-" + PASSWORD));

    assertThatThrownBy(() -> source(http.url(), credentials).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(http.url() + " requires authentication")
        .hasMessageContaining(
            "environment variables HELMSYNC_GIT_USERNAME and HELMSYNC_GIT_PASSWORD")
        .hasMessageContaining("were refused")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void missingCredentialsStallSayingWhatToSet() {
    assertThatThrownBy(() -> source(http.url(), GitCredentials.anonymous()).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("no credentials are configured")
        .hasMessageContaining("HELMSYNC_GIT_TOKEN")
        .hasMessageContaining("HELMSYNC_GIT_CREDENTIALS_DIR");
  }

  @Test
  void secretDirectoryIsReadOnEveryFetchSoRotationIsPickedUp() throws IOException {
    Files.writeString(secretDir.resolve("username"), USERNAME + "\n");
    Files.writeString(secretDir.resolve("password"), "stale\n");
    GitCredentials credentials =
        GitCredentials.from(Map.of("HELMSYNC_GIT_CREDENTIALS_DIR", secretDir.toString()));
    GitSource source = source(http.url(), credentials);

    assertThatThrownBy(() -> source.fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("files in " + secretDir)
        .hasMessageNotContaining("stale");

    Files.writeString(secretDir.resolve("password"), PASSWORD + "\n");
    assertThat(source.fetch(null).revision()).isEqualTo(sha);
  }

  @Test
  void userinfoInTheUrlIsUsedAndStrippedFromTheSnapshot() {
    GitSource source = new GitSource(GitSpec.of(http.urlWithCredentials(), workDir));

    SourceSnapshot snapshot = source.fetch(null);

    assertThat(snapshot.revision()).isEqualTo(sha);
    assertThat(snapshot.url()).isEqualTo(http.url()).doesNotContain(PASSWORD);
    assertThat(source.spec().toString()).doesNotContain(PASSWORD);
    assertThat(source.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void wrongPasswordInTheUrlStallsWithoutEchoingIt() {
    String url = http.urlWithCredentials().replace(PASSWORD, "not-" + PASSWORD);

    assertThatThrownBy(() -> new GitSource(GitSpec.of(url, workDir)).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("the userinfo of the repository URL")
        .hasMessageNotContaining(PASSWORD)
        .satisfies(e -> assertThat(causeMessages(e)).doesNotContain(PASSWORD));
  }

  @Test
  void serverErrorIsTransient() throws IOException {
    HttpServer failing =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    failing.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    failing.start();
    try {
      String url = "http://127.0.0.1:" + failing.getAddress().getPort() + "/repo.git";

      assertThatThrownBy(() -> new GitSource(GitSpec.of(url, workDir)).fetch(null))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
          .hasMessageContaining("cannot fetch from " + url)
          .hasMessageContaining("503");
    } finally {
      failing.stop(0);
    }
  }

  private GitSource source(String url, GitCredentials credentials) {
    return new GitSource(GitSpec.of(url, workDir).withCredentials(credentials));
  }

  private static String causeMessages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      all.append(c).append('\n');
    }
    return all.toString();
  }
}
