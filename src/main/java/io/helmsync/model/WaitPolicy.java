package io.helmsync.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a release is done when applied or only when its objects are healthy (helmfile's {@code
 * wait}), for how long to wait (its {@code timeout}), and whether a release that does not become
 * healthy in time is put back to its previous successful objects (its {@code atomic}).
 */
public record WaitPolicy(boolean untilHealthy, Duration timeout, boolean atomic) {
  /** Helm's default: applied is done. */
  public static final WaitPolicy NONE = new WaitPolicy(false, Duration.ofSeconds(300), false);

  public WaitPolicy {
    Objects.requireNonNull(timeout, "timeout");
  }

  /** A policy without {@code atomic}. */
  public WaitPolicy(boolean untilHealthy, Duration timeout) {
    this(untilHealthy, timeout, false);
  }
}
