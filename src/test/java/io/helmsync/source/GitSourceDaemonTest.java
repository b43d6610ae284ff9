package io.helmsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.GitDaemonFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitSource} against a real {@code git daemon}: the story of a repository over time. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GitSourceDaemonTest {
  @TempDir Path serverDir;
  @TempDir Path workDir;

  private GitDaemonFixture git;

  @BeforeEach
  void startDaemon() {
    git = GitDaemonFixture.start(serverDir);
  }

  @AfterEach
  void stopDaemon() {
    git.close();
  }

  @Test
  void firstFetchChecksOutTheFilesOfTheBranchTip() throws IOException {
    String sha =
        git.writeFiles(
            "main",
            Map.of("helmfile.yaml", "releases: []\n", "environments/demo.yaml", "replicas: 1\n"),
            "initial");

    SourceSnapshot snapshot = source().fetch(null);

    assertThat(snapshot.revision()).isEqualTo(sha);
    assertThat(snapshot.unchanged()).isFalse();
    assertThat(snapshot.url()).isEqualTo(git.url());
    assertThat(snapshot.ref()).isEqualTo("main");
    assertThat(snapshot.dir()).isEqualTo(workDir.resolve("checkouts").resolve(sha));
    assertThat(snapshot.dir().resolve("helmfile.yaml")).hasContent("releases: []");
    assertThat(snapshot.dir().resolve("environments/demo.yaml")).hasContent("replicas: 1");
    assertThat(snapshot.dir().resolve(".git")).doesNotExist();
  }

  @Test
  void fetchIsShallow() {
    git.writeFile("main", "a.yaml", "one\n", "first");
    git.writeFile("main", "a.yaml", "two\n", "second");
    String third = git.writeFile("main", "a.yaml", "three\n", "third");

    source().fetch(null);

    assertThat(workDir.resolve("cache.git/shallow")).hasContent(third);
  }

  @Test
  void sameRevisionIsUnchangedAndOnlyAsksTheRemoteWhereTheRefPoints() throws IOException {
    git.writeFile("main", "a.yaml", "one\n", "first");
    GitSource source = source();
    SourceSnapshot first = source.fetch(null);
    int requestsAfterFirst = git.uploadPackRequests();
    var modified = Files.getLastModifiedTime(first.dir());

    SourceSnapshot second = source.fetch(first.revision());

    assertThat(requestsAfterFirst).as("ls-remote and fetch").isEqualTo(2);
    assertThat(git.uploadPackRequests()).as("one more ls-remote, no fetch").isEqualTo(3);
    assertThat(second.unchanged()).isTrue();
    assertThat(second.revision()).isEqualTo(first.revision());
    assertThat(second.dir()).isEqualTo(first.dir());
    assertThat(Files.getLastModifiedTime(second.dir())).isEqualTo(modified);
  }

  @Test
  void pushedCommitIsFetchedAndTheOldCheckoutRemoved() throws IOException {
    git.writeFiles("main", Map.of("a.yaml", "one\n", "b.yaml", "keep\n"), "first");
    GitSource source = source();
    SourceSnapshot first = source.fetch(null);

    String second = git.writeFile("main", "a.yaml", "two\n", "second");
    String third = git.deleteFile("main", "b.yaml", "third");
    SourceSnapshot latest = source.fetch(first.revision());

    assertThat(second).isNotEqualTo(third);
    assertThat(latest.revision()).isEqualTo(third);
    assertThat(latest.unchanged()).isFalse();
    assertThat(latest.dir().resolve("a.yaml")).hasContent("two");
    assertThat(latest.dir().resolve("b.yaml")).doesNotExist();
    assertThat(first.dir()).doesNotExist();
    assertThat(checkoutNames()).containsExactly(third);
  }

  @Test
  void commitTreeReplacesTheWholeContent(@TempDir Path content) throws IOException {
    git.writeFile("main", "old.yaml", "gone after the tree commit\n", "first");
    Files.createDirectories(content.resolve("manifests"));
    Files.writeString(content.resolve("helmfile.yaml"), "releases: []\n");
    Files.writeString(content.resolve("manifests/cm.yaml"), "kind: ConfigMap\n");
    Files.writeString(content.resolve(".gitignore"), "*.tmp\n");
    Files.createDirectories(content.resolve(".git"));
    Files.writeString(content.resolve(".git/HEAD"), "not copied\n");

    String sha = git.commitTree("main", content, "replace everything");
    SourceSnapshot snapshot = source().fetch(null);

    assertThat(snapshot.revision()).isEqualTo(sha);
    try (Stream<Path> files = Files.walk(snapshot.dir())) {
      assertThat(
              files.filter(Files::isRegularFile).map(f -> snapshot.dir().relativize(f).toString()))
          .containsExactlyInAnyOrder("helmfile.yaml", "manifests/cm.yaml", ".gitignore");
    }
  }

  @Test
  void laterFetchesTransferOnlyWhatChanged() throws IOException {
    byte[] chart = new byte[512 * 1024];
    new Random(42).nextBytes(chart);
    git.writeFiles(
        "main",
        Map.of("vendor/chart.bin", Base64.getEncoder().encodeToString(chart), "a.yaml", "1\n"),
        "vendored chart");
    GitSource source = source();
    String first = source.fetch(null).revision();
    long packedAfterFirst = packBytes();

    git.writeFile("main", "a.yaml", "2\n", "small change");
    source.fetch(first);

    assertThat(packedAfterFirst).isGreaterThan(256 * 1024);
    assertThat(packBytes() - packedAfterFirst).isLessThan(16 * 1024);
  }

  @Test
  void restartWithAnExistingCheckoutDoesNotFetchAgain() {
    git.writeFile("main", "a.yaml", "one\n", "first");
    String revision = source().fetch(null).revision();
    int requests = git.uploadPackRequests();

    SourceSnapshot afterRestart = new GitSource(GitSpec.of(git.url(), workDir)).fetch(null);

    assertThat(afterRestart.revision()).isEqualTo(revision);
    assertThat(afterRestart.unchanged()).as("the caller had not seen it").isFalse();
    assertThat(git.uploadPackRequests()).isEqualTo(requests + 1);
  }

  @Test
  void deletedCheckoutIsFetchedAgain() throws IOException {
    git.writeFile("main", "a.yaml", "one\n", "first");
    GitSource source = source();
    SourceSnapshot first = source.fetch(null);
    Checkouts.deleteRecursively(first.dir());

    SourceSnapshot again = source.fetch(first.revision());

    assertThat(again.dir().resolve("a.yaml")).hasContent("one");
    assertThat(again.unchanged()).isTrue();
  }

  @Test
  void tracksAnotherBranchATagAndACommit() {
    String onMain = git.writeFile("main", "a.yaml", "main\n", "main");
    String onRelease = git.writeFile("release-1", "a.yaml", "release\n", "release");
    git.repo().tag("v1.0.0", onMain);
    git.writeFile("main", "a.yaml", "main moved on\n", "later");

    assertThat(source("release-1").fetch(null).revision()).isEqualTo(onRelease);
    assertThat(source("v1.0.0").fetch(null).revision()).isEqualTo(onMain);
    assertThat(source("refs/tags/v1.0.0").fetch(null).dir().resolve("a.yaml")).hasContent("main");
    assertThat(source(onRelease).fetch(null).dir().resolve("a.yaml")).hasContent("release");
  }

  @Test
  void annotatedTagIsUnchangedOnTheNextPoll() {
    String commit = git.writeFile("main", "a.yaml", "one\n", "first");
    git.repo().tag("v1", commit);
    GitSource source = source("v1");
    SourceSnapshot first = source.fetch(null);
    int requests = git.uploadPackRequests();

    SourceSnapshot second = source.fetch(first.revision());

    assertThat(second.unchanged()).isTrue();
    assertThat(git.uploadPackRequests()).as("ls-remote only").isEqualTo(requests + 1);
  }

  @Test
  void unknownRefStallsNamingTheRefTheUrlAndExistingBranches() {
    git.writeFile("main", "a.yaml", "x\n", "main");
    git.writeFile("dev", "a.yaml", "x\n", "dev");

    assertThatThrownBy(() -> source("nope").fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("ref nope not found in " + git.url())
        .hasMessageContaining("branches there: dev, main");
  }

  @Test
  void emptyRepositoryStallsSayingThereAreNoBranches() {
    assertThatThrownBy(() -> source().fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("ref main not found")
        .hasMessageContaining("no branches yet");
  }

  @Test
  void unknownCommitStalls() {
    git.writeFile("main", "a.yaml", "x\n", "main");
    String missing = "1111111111111111111111111111111111111111";

    assertThatThrownBy(() -> source(missing).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("commit " + missing + " not found in " + git.url());
  }

  @Test
  void unknownRepositoryStalls() {
    String url = git.url().replace("repo.git", "missing.git");

    assertThatThrownBy(() -> new GitSource(GitSpec.of(url, workDir)).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("repository " + url + " not found");
  }

  @Test
  void closedPortIsTransientAndNamesTheUrl() throws IOException {
    String url = "git://127.0.0.1:" + closedPort() + "/repo.git";

    assertThatThrownBy(() -> new GitSource(GitSpec.of(url, workDir)).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("cannot fetch from " + url)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void silentHttpServerTimesOutAsTransient() throws IOException {
    // over git:// JGit cannot enforce a read timeout on JDK 17 (it interrupts the reading thread,
    // which no longer unblocks a socket read), so this holds for http(s) only
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/repo.git";
      GitSpec spec = GitSpec.of(url, workDir).withTimeout(Duration.ofSeconds(1));

      assertThatThrownBy(() -> new GitSource(spec).fetch(null))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
          .hasMessageContaining("cannot fetch from " + url);
    }
  }

  @Test
  void fileUrlWorks() {
    String sha = git.writeFile("main", "a.yaml", "local\n", "first");

    SourceSnapshot snapshot =
        new GitSource(GitSpec.of(git.repo().dir().toUri().toString(), workDir)).fetch(null);

    assertThat(snapshot.revision()).isEqualTo(sha);
    assertThat(snapshot.dir().resolve("a.yaml")).hasContent("local");
  }

  @Test
  void corruptCacheIsRebuilt() throws IOException {
    String first = git.writeFile("main", "a.yaml", "one\n", "first");
    GitSource source = source();
    source.fetch(null);
    Checkouts.deleteRecursively(workDir.resolve("cache.git/objects"));
    String second = git.writeFile("main", "a.yaml", "two\n", "second");

    SourceSnapshot snapshot = source.fetch(first);

    assertThat(snapshot.revision()).isEqualTo(second);
    assertThat(snapshot.dir().resolve("a.yaml")).hasContent("two");
  }

  private GitSource source() {
    return new GitSource(GitSpec.of(git.url(), workDir));
  }

  private GitSource source(String ref) {
    return new GitSource(GitSpec.of(git.url(), workDir).withRef(ref));
  }

  private long packBytes() throws IOException {
    try (Stream<Path> packs = Files.list(workDir.resolve("cache.git/objects/pack"))) {
      return packs
          .filter(p -> p.toString().endsWith(".pack"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }

  private List<String> checkoutNames() throws IOException {
    try (Stream<Path> entries = Files.list(workDir.resolve("checkouts"))) {
      return entries.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
