package io.helmsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.GitTestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a checkout may contain: files and links stay inside it; nothing of a failure remains. */
class CheckoutsTest {
  @TempDir Path repoDir;
  @TempDir Path workDir;

  private GitTestRepo repo;

  @BeforeEach
  void createRepository() {
    repo = GitTestRepo.create(repoDir.resolve("repo.git"));
    repo.writeFile("main", "common/values.yaml", "replicas: 1\n", "values");
  }

  @AfterEach
  void closeRepository() {
    repo.close();
  }

  @Test
  void symbolicLinkInsideTheRepositoryIsKept() throws IOException {
    repo.writeSymlink("main", "environments/demo.yaml", "../common/values.yaml", "share values");

    SourceSnapshot snapshot = source().fetch(null);

    Path link = snapshot.dir().resolve("environments/demo.yaml");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(link).hasContent("replicas: 1");
  }

  @Test
  void symbolicLinkLeavingTheRepositoryStallsAndLeavesNoCheckout() throws IOException {
    repo.writeSymlink("main", "environments/secrets.yaml", "../../../../etc/passwd", "escape");

    assertLinkRefused("environments/secrets.yaml");
  }

  @Test
  void absoluteSymbolicLinkStalls() throws IOException {
    repo.writeSymlink("main", "token", "/var/run/secrets/kubernetes.io/serviceaccount/token", "x");

    assertLinkRefused("token");
  }

  @Test
  void chainOfLinksThatEachLookHarmlessStalls() throws IOException {
    repo.writeSymlink("main", "deep/deeper/up", "..", "up one");
    repo.writeSymlink("main", "out", "deep/deeper/up/../..", "climbs out through the link");

    assertLinkRefused("out");
  }

  private void assertLinkRefused(String link) throws IOException {
    assertThatThrownBy(() -> source().fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("symbolic link " + link + " points outside the repository");
    try (Stream<Path> checkouts = Files.list(workDir.resolve("checkouts"))) {
      assertThat(checkouts).isEmpty();
    }
  }

  private GitSource source() {
    return new GitSource(GitSpec.of(repo.dir().toUri().toString(), workDir));
  }
}
