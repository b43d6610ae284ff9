package io.helmsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
  @TempDir Path dir;

  private DirectorySource source;

  @BeforeEach
  void writeRepository() throws IOException {
    Files.writeString(dir.resolve("helmfile.yaml"), "releases: []\n");
    Files.createDirectories(dir.resolve("environments"));
    Files.writeString(dir.resolve("environments/demo.yaml"), "replicas: 1\n");
    source = new DirectorySource(dir);
  }

  @Test
  void snapshotIsTheDirectoryItself() {
    SourceSnapshot snapshot = source.fetch(null);

    assertThat(snapshot.dir()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(snapshot.url()).startsWith("file:/");
    assertThat(snapshot.revision()).matches("[0-9a-f]{40}");
    assertThat(snapshot.unchanged()).isFalse();
  }

  @Test
  void revisionIsStableAndUnchangedWhenNothingChanged() {
    String first = source.fetch(null).revision();

    SourceSnapshot second = new DirectorySource(dir).fetch(first);

    assertThat(second.revision()).isEqualTo(first);
    assertThat(second.unchanged()).isTrue();
  }

  @Test
  void changedContentChangesTheRevision() throws IOException {
    String before = source.fetch(null).revision();

    Files.writeString(dir.resolve("environments/demo.yaml"), "replicas: 2\n");
    SourceSnapshot after = source.fetch(before);

    assertThat(after.revision()).isNotEqualTo(before);
    assertThat(after.unchanged()).isFalse();
  }

  @Test
  void renamedFileChangesTheRevision() throws IOException {
    String before = source.fetch(null).revision();

    Files.move(dir.resolve("environments/demo.yaml"), dir.resolve("environments/prod.yaml"));

    assertThat(source.fetch(before).revision()).isNotEqualTo(before);
  }

  @Test
  void contentMovedBetweenFilesChangesTheRevision() throws IOException {
    Files.writeString(dir.resolve("a"), "xy");
    Files.writeString(dir.resolve("b"), "");
    String before = source.fetch(null).revision();

    Files.writeString(dir.resolve("a"), "x");
    Files.writeString(dir.resolve("b"), "y");

    assertThat(source.fetch(before).revision()).isNotEqualTo(before);
  }

  @Test
  void gitMetadataIsIgnored() throws IOException {
    String before = source.fetch(null).revision();

    Files.createDirectories(dir.resolve(".git/refs/heads"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(dir.resolve(".git/refs/heads/main"), "0123\n");

    assertThat(source.fetch(before).revision()).isEqualTo(before);
  }

  @Test
  void gitFileOfASubmoduleIsIgnoredButItsFilesCount() throws IOException {
    Files.createDirectories(dir.resolve("vendor/chart"));
    Files.writeString(dir.resolve("vendor/chart/Chart.yaml"), "name: chart\n");
    String before = source.fetch(null).revision();

    Files.writeString(dir.resolve("vendor/chart/.git"), "gitdir: ../../.git/modules/chart\n");
    assertThat(source.fetch(before).revision()).isEqualTo(before);

    Files.writeString(dir.resolve("vendor/chart/Chart.yaml"), "name: other\n");
    assertThat(source.fetch(before).revision()).isNotEqualTo(before);
  }

  @Test
  void missingDirectoryStalls() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> new DirectorySource(missing).fetch(null))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
  }
}
