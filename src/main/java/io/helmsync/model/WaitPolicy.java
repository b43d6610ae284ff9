package io.helmsync.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a release is done when applied or only when its objects are healthy (helmfile's
 * {@code wait}), and for how long to wait (its {@code timeout}).
 */
public record WaitPolicy(boolean untilHealthy, Duration timeout) {
  /** Helm's default: applied is done. */
  public static final WaitPolicy NONE = new WaitPolicy(false, Duration.ofSeconds(300));

  public WaitPolicy {
    Objects.requireNonNull(timeout, "timeout");
  }
}
