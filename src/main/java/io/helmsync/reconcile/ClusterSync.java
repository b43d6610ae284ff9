package io.helmsync.reconcile;

import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;

/** The cluster side of a reconcile: apply, then prune what the inventory no longer lists. */
public interface ClusterSync {

  /**
   * Makes the cluster match {@code desired}.
   *
   * @throws io.helmsync.model.ReconcileException when apply fails; nothing is pruned then
   */
  ChangeSet sync(DesiredState desired);
}
