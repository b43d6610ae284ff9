package io.helmsync.source;

/** Where the helmfile state comes from: a Git repository or a plain local directory. */
public interface Source {

  /**
   * Returns the current revision, fetching only when it differs from {@code lastRevision}.
   *
   * @param lastRevision the revision of the previous snapshot, or {@code null} on the first fetch
   * @throws io.helmsync.model.ReconcileException {@code TRANSIENT} when the remote cannot be
   *     reached, {@code STALLED} when the ref does not exist or credentials are refused
   */
  SourceSnapshot fetch(String lastRevision);
}
