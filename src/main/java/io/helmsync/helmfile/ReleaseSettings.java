package io.helmsync.helmfile;

import java.time.Duration;

/**
 * How a release is installed: its own keys, else {@code helmDefaults}, else Helm's defaults.
 *
 * @param waitForResources helmfile's {@code wait}: the release is done when its objects are healthy
 * @param timeout how long {@code wait} waits (Helm's default: 300 s)
 */
public record ReleaseSettings(
    boolean waitForResources,
    boolean waitForJobs,
    Duration timeout,
    boolean atomic,
    boolean createNamespace,
    boolean cleanupOnFail,
    boolean disableValidation) {

  /** Helm's defaults, as {@code helmfile apply} runs without {@code helmDefaults}. */
  public static final ReleaseSettings HELM_DEFAULTS =
      new ReleaseSettings(false, false, Duration.ofSeconds(300), false, true, false, false);
}
