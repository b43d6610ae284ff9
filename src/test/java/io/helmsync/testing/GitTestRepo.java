package io.helmsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.errors.InvalidRefNameException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare Git repository that tests commit into directly, the way a developer's push would land on
 * the server. Commits are written with JGit's object API instead of a scratch clone and {@code git
 * push}: that is faster, needs no git identity on the machine, and cannot be confused by the user's
 * global git configuration.
 *
 * <p>Every commit method takes the branch, creates the branch when it does not exist yet, and
 * returns the new commit sha. Methods are synchronized so a test may commit while the code under
 * test fetches on another thread.
 */
public final class GitTestRepo implements AutoCloseable {
  private static final PersonIdent AUTHOR =
      new PersonIdent("helmsync test", "test@helmsync.invalid");

  private final Repository repository;

  private GitTestRepo(Repository repository) {
    this.repository = repository;
  }

  /** Creates an empty bare repository at {@code dir} whose {@code HEAD} points at {@code main}. */
  public static GitTestRepo create(Path dir) {
    try {
      Repository repository =
          new FileRepositoryBuilder()
              .setGitDir(dir.toFile())
              .setBare()
              .setInitialBranch("main")
              .build();
      repository.create(true);
      return new GitTestRepo(repository);
    } catch (IOException | InvalidRefNameException e) {
      throw new IllegalStateException("cannot create bare repository " + dir, e);
    }
  }

  /** The bare repository directory (what a server exports). */
  public Path dir() {
    return repository.getDirectory().toPath();
  }

  /** Replaces the whole content of {@code branch} with the files under {@code contentDir}. */
  public synchronized String commitTree(String branch, Path contentDir, String message) {
    return commit(branch, message, false, inserter -> treeEdits(contentDir, inserter));
  }

  /** Writes (creates or replaces) one UTF-8 file on {@code branch}; parents are created. */
  public String writeFile(String branch, String path, String content, String message) {
    return writeFiles(branch, Map.of(path, content), message);
  }

  /** Writes several UTF-8 files on {@code branch} in one commit. */
  public synchronized String writeFiles(String branch, Map<String, String> files, String message) {
    return commit(
        branch,
        message,
        true,
        inserter ->
            files.entrySet().stream()
                .map(e -> fileEdit(e.getKey(), blob(inserter, e.getValue()), FileMode.REGULAR_FILE))
                .toList());
  }

  /** Writes a symbolic link {@code path -> target} on {@code branch}, as {@code ln -s} would. */
  public synchronized String writeSymlink(
      String branch, String path, String target, String message) {
    return commit(
        branch,
        message,
        true,
        inserter -> List.of(fileEdit(path, blob(inserter, target), FileMode.SYMLINK)));
  }

  /**
   * Deletes one file on {@code branch}.
   *
   * @throws IllegalArgumentException when the file does not exist, so a typo fails the test
   */
  public synchronized String deleteFile(String branch, String path, String message) {
    if (!contains(branch, path)) {
      throw new IllegalArgumentException(path + " does not exist on " + branch);
    }
    return commit(branch, message, true, inserter -> List.of(new DeletePath(path)));
  }

  /** Creates an annotated tag on {@code revision} and returns the tag object's sha. */
  public synchronized String tag(String name, String revision) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      TagBuilder tag = new TagBuilder();
      tag.setTag(name);
      tag.setObjectId(ObjectId.fromString(revision), Constants.OBJ_COMMIT);
      tag.setTagger(now());
      tag.setMessage(name + "\n");
      ObjectId id = inserter.insert(tag);
      inserter.flush();
      moveRef(Constants.R_TAGS + name, id, null);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tag " + revision, e);
    }
  }

  /** The sha {@code branch} points at, or {@code null} when it does not exist. */
  public synchronized String head(String branch) {
    ObjectId id = branchTip(branch);
    return id == null ? null : id.name();
  }

  @Override
  public void close() {
    repository.close();
  }

  @FunctionalInterface
  private interface Edits {
    List<PathEdit> apply(ObjectInserter inserter) throws IOException;
  }

  private String commit(String branch, String message, boolean keepParentTree, Edits edits) {
    ObjectId parent = branchTip(branch);
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      DirCache index = startIndex(keepParentTree ? parent : null);
      DirCacheEditor editor = index.editor();
      edits.apply(inserter).forEach(editor::add);
      editor.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent ident = now();
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      moveRef(Constants.R_HEADS + branch, id, parent);
      return id.name();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit to " + branch, e);
    }
  }

  private DirCache startIndex(ObjectId parent) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    if (parent != null) {
      try (ObjectReader reader = repository.newObjectReader();
          RevWalk walk = new RevWalk(reader)) {
        builder.addTree(new byte[0], 0, reader, walk.parseCommit(parent).getTree());
      }
    }
    builder.finish();
    return index;
  }

  private List<PathEdit> treeEdits(Path contentDir, ObjectInserter inserter) throws IOException {
    try (Stream<Path> files = Files.walk(contentDir)) {
      List<Path> regular =
          files
              .filter(Files::isRegularFile)
              .filter(p -> !contentDir.relativize(p).getName(0).toString().equals(".git"))
              .toList();
      List<PathEdit> edits = new ArrayList<>();
      for (Path file : regular) {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(file));
        FileMode mode = Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        edits.add(fileEdit(gitPath(contentDir.relativize(file)), blob, mode));
      }
      return edits;
    }
  }

  private static String gitPath(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  private static ObjectId blob(ObjectInserter inserter, String content) {
    try {
      return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PathEdit fileEdit(String path, ObjectId blob, FileMode mode) {
    return new PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(mode);
        entry.setObjectId(blob);
      }
    };
  }

  private boolean contains(String branch, String path) {
    try {
      return startIndex(branchTip(branch)).findEntry(path) >= 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectId branchTip(String branch) {
    try {
      return repository.resolve(Constants.R_HEADS + branch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void moveRef(String name, ObjectId id, ObjectId expectedOld) throws IOException {
    RefUpdate update = repository.updateRef(name);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(expectedOld == null ? ObjectId.zeroId() : expectedOld);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
      throw new IOException("cannot move " + name + ": " + result);
    }
  }

  private static PersonIdent now() {
    return new PersonIdent(AUTHOR, Instant.now(), ZoneOffset.UTC);
  }
}
