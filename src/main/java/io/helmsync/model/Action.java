package io.helmsync.model;

/** What applying or pruning did to one object: the closed set Flux's ssa package uses. */
public enum Action {
  CREATED,
  CONFIGURED,
  UNCHANGED,
  DELETED,
  SKIPPED;

  /** Lower-case name, as used in metric labels and logs. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
