package io.helmsync.apply;

import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;

/** Puts the desired objects into the cluster with server-side apply. */
public interface Applier {

  /**
   * Applies every object of {@code desired}, release by release in order, sending only objects
   * whose desired fields differ from the live ones.
   *
   * @throws io.helmsync.model.ReconcileException naming the object ({@code Kind/namespace/name})
   *     that failed; objects before it may have been applied, so the caller must not prune
   */
  ChangeSet apply(DesiredState desired, ApplyOptions options);
}
