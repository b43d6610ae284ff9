package io.helmsync.model;

/** Why a reconcile stopped, typed by what should happen next (as in Flux's source-controller). */
public enum Reason {
  /**
   * The input is wrong; retried when the revision or the secrets change, or after a few minutes
   * (what it needed may have changed outside Git). Nothing is applied.
   */
  STALLED,
  /** Health is not reached yet; requeue after a delay. */
  WAITING,
  /** A network, API or cloud error; retry with exponential backoff. */
  TRANSIENT
}
