package io.helmsync.source;

import java.time.Instant;
import java.util.Objects;

/**
 * The commit a snapshot was taken from, as people know it.
 *
 * @param sha full commit id
 * @param message first line of the commit message
 * @param author author name
 * @param time when it was committed
 */
public record CommitInfo(String sha, String message, String author, Instant time) {
  public CommitInfo {
    Objects.requireNonNull(sha, "sha");
    message = message == null ? "" : message;
    author = author == null ? "" : author;
  }
}
