package io.helmsync.apply;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;

/**
 * A prune that {@link PruneOptions#refuses} refused: stalled like any input a person must fix, and
 * a type of its own so that it is reported as such (the PruneRefused Event) rather than as a failed
 * apply.
 */
public final class PruneRefusedException extends ReconcileException {
  private static final long serialVersionUID = 1L;

  public PruneRefusedException(String message) {
    super(Reason.STALLED, message, null);
  }
}
