package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;

/**
 * How to prune.
 *
 * @param propagation how dependents are deleted; background lets the API server collect them
 */
public record PruneOptions(DeletionPropagation propagation) {
  public static PruneOptions defaults() {
    return new PruneOptions(DeletionPropagation.BACKGROUND);
  }

  public PruneOptions withPropagation(DeletionPropagation value) {
    return new PruneOptions(value);
  }
}
