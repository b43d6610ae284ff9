package io.helmsync.reconcile;

import io.helmsync.inventory.ReleaseHistory;

/**
 * What a sync of one release is, as {@code helm upgrade --install} decides from the release's
 * {@link ReleaseHistory}: an install until one succeeded, an upgrade when the content checksum
 * differs from the last success, neither when it does not (then no hook runs, and objects that
 * already match are not written).
 */
enum ReleasePhase {
  INSTALL("pre-install", "post-install"),
  UPGRADE("pre-upgrade", "post-upgrade"),
  /** The content did not change since the last success: apply (to heal), run no hook. */
  UNCHANGED("", ""),
  /**
   * Listed by the previous inventory without a history: applied by a helmsync that ran no hooks, so
   * it is taken as installed, runs no hook, and stays untracked until it succeeds.
   */
  ADOPT("", "");

  final String before;
  final String after;

  ReleasePhase(String before, String after) {
    this.before = before;
    this.after = after;
  }

  static ReleasePhase of(ReleaseHistory history, boolean listedBefore, String checksum) {
    if (listedBefore && !history.isTracked()) {
      return ADOPT;
    }
    if (!history.wasDeployed()) {
      return INSTALL;
    }
    return history.checksum().equals(checksum) ? UNCHANGED : UPGRADE;
  }

  boolean runsHooks() {
    return this == INSTALL || this == UPGRADE;
  }

  /** The history after a sync of this phase succeeded. */
  ReleaseHistory succeeded(ReleaseHistory before, String checksum, String revision) {
    if (this == ADOPT) {
      return before.adopted(checksum, revision);
    }
    boolean recovered = before.status().equals(ReleaseHistory.FAILED);
    return runsHooks() || recovered ? before.deployed(checksum, revision) : before;
  }

  /** The history after a sync of this phase failed; an adopted release stays untracked. */
  ReleaseHistory failed(ReleaseHistory before) {
    return this == ADOPT ? before : before.failed();
  }
}
