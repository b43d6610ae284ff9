package io.helmsync.template;

/** Go's {@code missingkey} option: what a map lookup of an absent key yields. */
public enum MissingKey {
  /** An invalid value: prints {@code <no value>}, and further field access yields the same. */
  DEFAULT,
  /** The zero value, a nil interface: prints {@code <no value>}; Helm's choice. */
  ZERO,
  /** Execution stops with "map has no entry for key"; helmfile's choice. */
  ERROR
}
