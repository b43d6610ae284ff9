package io.helmsync.apply;

import io.helmsync.model.ObjectRef;
import java.util.Optional;

/**
 * Objects whose correction must wait: a drift that keeps coming back is put back with backoff, by
 * every reconcile and not only the drift-triggered ones, so that helmsync does not fight another
 * controller in a hot loop.
 */
@FunctionalInterface
public interface Holds {

  /** Why {@code ref} must not be sent now (shown as the skipped entry's message), else empty. */
  Optional<String> reason(ObjectRef ref);

  Holds NONE = ref -> Optional.empty();
}
