package io.helmsync.helmfile;

import io.helmsync.source.SourceSnapshot;

/** Reads the helmfile state of one environment from a checked-out revision. */
public interface StateLoader {

  /**
   * Loads the state.
   *
   * @throws io.helmsync.model.ReconcileException STALLED naming the file and line of bad input
   */
  HelmfileState load(SourceSnapshot snapshot, String environment);
}
