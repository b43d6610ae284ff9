package io.helmsync.inventory;

import java.util.Objects;

/**
 * What helmsync knows about a release's installs and upgrades, as Helm keeps it in its release
 * Secrets: the revision number of the last attempt, whether it worked, and the content of the last
 * one that did. Hooks depend on it: {@code pre-install} runs only while nothing succeeded yet,
 * {@code pre-upgrade} only when the content differs from the last success.
 *
 * @param number the install or upgrade attempt, 1 for the first install, 0 when none was made
 * @param status {@link #DEPLOYED} or {@link #FAILED} for the last attempt, {@link #PENDING} before
 *     the first one ended; empty when the inventory was written by a version of helmsync that did
 *     not track installs
 * @param checksum the content checksum of the last successful attempt; empty when none succeeded
 * @param revision the Git revision of the last successful attempt; empty when none succeeded
 */
public record ReleaseHistory(int number, String status, String checksum, String revision) {
  public static final String DEPLOYED = "deployed";
  public static final String FAILED = "failed";
  public static final String PENDING = "pending";

  /** No attempt recorded: a release that is new, or listed by an older helmsync. */
  public static final ReleaseHistory NONE = new ReleaseHistory(0, "", "", "");

  /**
   * A release new to the inventory whose first attempt has not ended: listed (its objects may
   * exist) but not installed, so that a sync interrupted before its end installs it next time.
   */
  public static final ReleaseHistory FIRST_INSTALL = new ReleaseHistory(0, PENDING, "", "");

  public ReleaseHistory {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(revision, "revision");
  }

  /** True when written by a helmsync that tracks installs, so the other fields mean something. */
  public boolean isTracked() {
    return !status.isEmpty();
  }

  /** True when some install of the release succeeded. */
  public boolean wasDeployed() {
    return !checksum.isEmpty();
  }

  /** The next attempt succeeded with this content at this Git revision. */
  public ReleaseHistory deployed(String newChecksum, String gitRevision) {
    return new ReleaseHistory(number + 1, DEPLOYED, newChecksum, gitRevision);
  }

  /** The next attempt failed: the last success stays what it was. */
  public ReleaseHistory failed() {
    return new ReleaseHistory(number + 1, FAILED, checksum, revision);
  }

  /**
   * The content of an untracked release that an older helmsync applied, adopted as its last success
   * without running hooks: whether that content changed since cannot be known.
   */
  public ReleaseHistory adopted(String currentChecksum, String gitRevision) {
    return new ReleaseHistory(1, DEPLOYED, currentChecksum, gitRevision);
  }
}
