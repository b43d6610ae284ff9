package io.helmsync.testing;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real Git server on 127.0.0.1 serving one bare repository, with the commit helpers of {@link
 * GitTestRepo} so a test reads as "push this, then watch the agent pick it up".
 */
public interface GitServerFixture extends AutoCloseable {

  /** The clone URL, without credentials. */
  String url();

  /** The served repository, for commits and tags. */
  GitTestRepo repo();

  /** Replaces the whole content of {@code branch} with the files under {@code contentDir}. */
  default String commitTree(String branch, Path contentDir, String message) {
    return repo().commitTree(branch, contentDir, message);
  }

  /** Writes (creates or replaces) one UTF-8 file on {@code branch} and returns the commit sha. */
  default String writeFile(String branch, String path, String content, String message) {
    return repo().writeFile(branch, path, content, message);
  }

  /** Writes several UTF-8 files on {@code branch} in one commit and returns its sha. */
  default String writeFiles(String branch, Map<String, String> files, String message) {
    return repo().writeFiles(branch, files, message);
  }

  /** Deletes one existing file on {@code branch} and returns the commit sha. */
  default String deleteFile(String branch, String path, String message) {
    return repo().deleteFile(branch, path, message);
  }

  /** Stops the server; the repository stays on disk (it lives in the test's temp dir). */
  @Override
  void close();
}
