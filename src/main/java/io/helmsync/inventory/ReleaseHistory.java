package io.helmsync.inventory;

import java.util.Objects;

/**
 * What helmsync knows about a release's installs and upgrades, as Helm keeps it in its release
 * Secrets: the revision number of the last attempt, whether it worked, and the content of the last
 * one that did. Hooks depend on it: {@code pre-install} runs only while nothing succeeded yet, {@code
 * pre-upgrade} only when the content differs from the last success.
 *
 * @param number the install or upgrade attempt, 1 for the first install, 0 when none was made
 * @param status {@link #DEPLOYED} or {@link #FAILED} for the last attempt; empty when the
 *     inventory was written by a version of helmsync that did not track installs
 * @param checksum the content checksum of the last successful attempt; empty when none succeeded
 * @param revision the Git revision of the last successful attempt; empty when none succeeded
 */
public record ReleaseHistory(int number, String status, String checksum, String revision) {
  public static final String DEPLOYED = "deployed";
  public static final String FAILED = "failed";

  /** No attempt recorded: a release that is new, or listed by an older helmsync. */
  public static final ReleaseHistory NONE = new ReleaseHistory(0, "", "", "");

  public ReleaseHistory {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(revision, "revision");
  }

  /** True when an attempt was recorded, so the rest of these fields mean something. */
  public boolean isTracked() {
    return number > 0;
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
   * The content of an untracked release that an older helmsync applied, adopted as its last
   * success without running hooks: whether that content changed since cannot be known.
   */
  public ReleaseHistory adopted(String currentChecksum, String gitRevision) {
    return new ReleaseHistory(1, DEPLOYED, currentChecksum, gitRevision);
  }
}
