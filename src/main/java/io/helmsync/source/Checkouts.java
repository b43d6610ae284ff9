package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One directory per checked-out revision, {@code <root>/<sha>}, holding the commit's files and no
 * {@code .git}: the later stages read plain files and cannot be confused by repository metadata.
 *
 * <p>A checkout is written into a temporary sibling and renamed into place, so a directory named
 * after a revision is always complete; that is what lets {@link GitSource} skip the fetch when it
 * exists, even after a restart or a crash mid-write.
 *
 * <p>The checkout is the boundary of what Git may make later stages read. Every tree is checked
 * with JGit's {@link ObjectChecker} before it is written (no {@code ..}, {@code .git} or duplicate
 * names, so no file can be written through a symbolic link), and symbolic links must resolve inside
 * the checkout. Submodules are left as empty directories: they are not fetched.
 */
final class Checkouts {
  private static final String TEMP_SUFFIX = ".partial-";

  private final Path root;

  Checkouts(Path root) {
    this.root = root;
  }

  /** The directory of {@code revision}, whether or not it exists. */
  Path dir(String revision) {
    return root.resolve(revision);
  }

  boolean exists(String revision) {
    return Files.isDirectory(dir(revision));
  }

  /**
   * Writes the files of {@code commit} into {@link #dir}.
   *
   * @throws ReconcileException {@code STALLED} when the commit holds an invalid tree or a symbolic
   *     link that leaves the checkout
   */
  void write(Repository repository, RevCommit commit) throws IOException {
    Files.createDirectories(root);
    Path temp = Files.createTempDirectory(root, commit.name() + TEMP_SUFFIX);
    try (ObjectReader reader = repository.newObjectReader()) {
      List<Path> links = new ArrayList<>();
      writeTree(reader, commit.getTree(), temp, links);
      requireInside(temp, links);
      if (!exists(commit.name())) {
        Files.move(temp, dir(commit.name()), StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (CorruptObjectException e) {
      throw ReconcileException.stalled(
          "commit " + commit.name() + " contains an invalid tree: " + e.getMessage(), e);
    } finally {
      deleteRecursively(temp);
    }
  }

  /**
   * Deletes every checkout but {@code revision}, and leftovers of interrupted writes. Safe because
   * the reconciler reads one snapshot at a time and asks for the next one only when it is done with
   * the previous.
   */
  void retainOnly(String revision) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> others;
    try (Stream<Path> entries = Files.list(root)) {
      others = entries.filter(p -> !p.getFileName().toString().equals(revision)).toList();
    }
    for (Path other : others) {
      deleteRecursively(other);
    }
  }

  private static void writeTree(ObjectReader reader, AnyObjectId tree, Path dir, List<Path> links)
      throws IOException {
    new ObjectChecker().checkTree(tree, reader.open(tree, Constants.OBJ_TREE).getCachedBytes());
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      while (walk.next()) {
        Path target = dir.resolve(walk.getNameString());
        int mode = walk.getRawMode(0);
        if (FileMode.TREE.equals(mode)) {
          writeTree(reader, walk.getObjectId(0), Files.createDirectory(target), links);
        } else if (FileMode.GITLINK.equals(mode)) {
          Files.createDirectory(target);
        } else if (FileMode.SYMLINK.equals(mode)) {
          byte[] link = reader.open(walk.getObjectId(0)).getCachedBytes();
          links.add(
              Files.createSymbolicLink(target, Path.of(new String(link, StandardCharsets.UTF_8))));
        } else {
          writeFile(reader, walk.getObjectId(0), target, FileMode.EXECUTABLE_FILE.equals(mode));
        }
      }
    }
  }

  private static void writeFile(ObjectReader reader, AnyObjectId blob, Path file, boolean exec)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      reader.open(blob, Constants.OBJ_BLOB).copyTo(out);
    }
    if (exec) {
      file.toFile().setExecutable(true, false);
    }
  }

  /**
   * Checks links after everything is written, on real paths, so a chain of links that each look
   * harmless cannot lead outside either. A link whose target does not exist is refused only when it
   * is absolute or climbs out by name, since it could point at something created later.
   */
  private static void requireInside(Path checkout, List<Path> links) throws IOException {
    Path realRoot = checkout.toRealPath();
    for (Path link : links) {
      Path lexical = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
      boolean escapes =
          Files.exists(link)
              ? !link.toRealPath().startsWith(realRoot)
              : !lexical.startsWith(checkout);
      if (escapes) {
        throw ReconcileException.stalled(
            "symbolic link "
                + checkout.relativize(link)
                + " points outside the repository; replace it with a copy of its target");
      }
    }
  }

  /** Deletes a file or directory tree; symbolic links are removed, never followed. */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
