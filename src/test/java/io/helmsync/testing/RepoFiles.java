package io.helmsync.testing;

import io.helmsync.source.SourceSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small fixture repositories (path to content) for loader and renderer tests. */
public final class RepoFiles {
  private RepoFiles() {}

  /** Writes the files under {@code root}, creating directories. */
  public static Path write(Path root, Map<String, String> files) {
    files.forEach(
        (path, content) -> {
          Path file = root.resolve(path);
          try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return root;
  }

  /** A snapshot of a directory as if checked out at {@code revision}. */
  public static SourceSnapshot snapshot(Path root, String revision) {
    return new SourceSnapshot("file://" + root, "main", revision, root, false);
  }

  /** Copies {@code config-repo-example/} to {@code target}, for tests that edit it. */
  public static Path copyExample(Path target) {
    Path example = Path.of("config-repo-example");
    try (java.util.stream.Stream<Path> files = Files.walk(example)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = target.resolve(example.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
