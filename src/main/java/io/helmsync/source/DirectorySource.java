package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A plain local directory as the source ({@code --repo DIR}), for a first run, the CLI and tests.
 * It need not be a Git repository; its files are read in place.
 *
 * <p>The revision is a SHA-256 over the sorted relative paths and contents of all files, ignoring
 * any {@code .git} directory, cut to 40 hex characters so it fits wherever a commit sha fits
 * (annotations, labels, metrics). Each file contributes its path, its length and its bytes, so
 * moving content between files changes the revision. A symbolic link to a file contributes the
 * file's content; a link to a directory contributes its target path, since walking into it could
 * loop. The snapshot's {@code ref} is empty: a directory has none.
 */
public final class DirectorySource implements Source {
  private static final int REVISION_LENGTH = 40;

  private final Path dir;

  public DirectorySource(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * {@inheritDoc}
   *
   * @throws ReconcileException {@code STALLED} when the directory does not exist, {@code TRANSIENT}
   *     when a file cannot be read (it may be mid-edit)
   */
  @Override
  public SourceSnapshot fetch(String lastRevision) {
    if (!Files.isDirectory(dir)) {
      throw ReconcileException.stalled(
          "source directory " + dir + " does not exist or is not a directory; check --repo");
    }
    String revision = revisionOf(dir);
    return new SourceSnapshot(
        dir.toUri().toString(), "", revision, dir, revision.equals(lastRevision));
  }

  @Override
  public String toString() {
    return "DirectorySource[" + dir + "]";
  }

  private static String revisionOf(Path dir) {
    MessageDigest digest = sha256();
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      for (Path file : files(dir)) {
        add(sink, dir, file);
      }
    } catch (IOException e) {
      throw ReconcileException.transientError(
          "cannot read source directory " + dir + ": " + e.getMessage() + "; will retry", e);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, REVISION_LENGTH);
  }

  /** Regular files and symbolic links, sorted by name, without descending into {@code .git}. */
  private static List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
            return !d.equals(dir) && isGit(d)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!isGit(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.comparing(file -> name(dir, file)));
    return files;
  }

  private static void add(OutputStream sink, Path dir, Path file) throws IOException {
    sink.write(name(dir, file).getBytes(StandardCharsets.UTF_8));
    sink.write(0);
    if (Files.isRegularFile(file)) {
      sink.write(Long.toString(Files.size(file)).getBytes(StandardCharsets.US_ASCII));
      sink.write(0);
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(sink);
      }
    } else {
      sink.write(("-> " + Files.readSymbolicLink(file)).getBytes(StandardCharsets.UTF_8));
      sink.write(0);
    }
  }

  /** A {@code .git} directory, or the {@code .git} file of a worktree or submodule. */
  private static boolean isGit(Path path) {
    return path.getFileName().toString().equals(".git");
  }

  /** The relative path with {@code /} separators, so the revision is the same on every OS. */
  private static String name(Path dir, Path file) {
    return dir.relativize(file).toString().replace(dir.getFileSystem().getSeparator(), "/");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
