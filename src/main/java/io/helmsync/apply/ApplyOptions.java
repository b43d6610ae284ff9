package io.helmsync.apply;

import io.helmsync.model.Ownership;
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
  public static ApplyOptions defaults() {
    return new ApplyOptions(Ownership.FIELD_MANAGER, true, Duration.ofSeconds(60));
  }

  public ApplyOptions withForce(boolean force) {
    return new ApplyOptions(fieldManager, force, establishTimeout);
  }

  public ApplyOptions withEstablishTimeout(Duration timeout) {
    return new ApplyOptions(fieldManager, force, timeout);
  }
}
