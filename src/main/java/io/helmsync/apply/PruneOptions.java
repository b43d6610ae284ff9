package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;

/**
 * How to prune.
 *
 * @param propagation how dependents are deleted; background lets the API server collect them
 * @param allowMassPrune whether a prune may delete all managed objects or more than half of them
 */
public record PruneOptions(DeletionPropagation propagation, boolean allowMassPrune) {
  public static PruneOptions defaults() {
    return new PruneOptions(DeletionPropagation.BACKGROUND, false);
  }

  public PruneOptions withPropagation(DeletionPropagation value) {
    return new PruneOptions(value, allowMassPrune);
  }

  public PruneOptions withAllowMassPrune(boolean allow) {
    return new PruneOptions(propagation, allow);
  }

  /** A prune of all managed objects, or of more than half of them, unless allowed. */
  public boolean refuses(int stale, int managed) {
    return !allowMassPrune && stale > 0 && (stale == managed || stale * 2 > managed);
  }
}
