package io.helmsync.apply;

import java.time.Duration;

/**
 * How to apply.
 *
 * @param fieldManager the server-side apply field manager
 * @param force take ownership of fields another manager owns (conflicts are errors otherwise)
 * @param establishTimeout how long CustomResourceDefinitions may take to be Established before no
 *     release is applied
 */
public record ApplyOptions(String fieldManager, boolean force, Duration establishTimeout) {
  public static final String FIELD_MANAGER = "helmsync";

  public static ApplyOptions defaults() {
    return new ApplyOptions(FIELD_MANAGER, true, Duration.ofSeconds(60));
  }

  public ApplyOptions withForce(boolean force) {
    return new ApplyOptions(fieldManager, force, establishTimeout);
  }

  public ApplyOptions withEstablishTimeout(Duration timeout) {
    return new ApplyOptions(fieldManager, force, timeout);
  }
}
