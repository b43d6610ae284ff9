package io.helmsync.reconcile;

import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;

/**
 * The cluster side of a reconcile, as {@link Reconciler} sees it: {@link ServerSideSync}, or a
 * test's fake.
 */
public interface ClusterSync {

  /**
   * Makes the cluster match {@code desired}.
   *
   * @throws io.helmsync.model.ReconcileException when apply fails; nothing is pruned then
   */
  ChangeSet sync(DesiredState desired);
}
