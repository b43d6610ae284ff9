package io.helmsync.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked-out revision of the configuration repository.
 *
 * @param url where it came from, without credentials (safe to log)
 * @param ref the tracked branch or tag, e.g. {@code main}
 * @param revision the commit sha, or for a plain directory a hash of its content
 * @param dir the directory holding the files of that revision
 * @param unchanged true when the revision equals the last one the caller saw, so nothing was
 *     fetched
 * @param commit the commit's message, author and time; empty for a plain directory
 */
public record SourceSnapshot(
    String url,
    String ref,
    String revision,
    Path dir,
    boolean unchanged,
    Optional<CommitInfo> commit) {
  public SourceSnapshot {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(commit, "commit");
  }

  /** A snapshot without commit details (a plain directory). */
  public SourceSnapshot(String url, String ref, String revision, Path dir, boolean unchanged) {
    this(url, ref, revision, dir, unchanged, Optional.empty());
  }
}
