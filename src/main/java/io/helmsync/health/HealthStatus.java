package io.helmsync.health;

/**
 * How healthy one object is: the closed set of Argo CD's gitops-engine, without {@code Missing},
 * since an object that is absent from the cluster is the inventory's finding, not the object's.
 * Declared from healthiest to least healthy, the order Argo CD uses to roll health up.
 */
public enum HealthStatus {
  /** The object does what it was asked to do. */
  HEALTHY,
  /** Paused on purpose (a paused Deployment, a suspended Job): not failing, not moving either. */
  SUSPENDED,
  /** Not there yet, but still on its way; waiting is the right response. */
  PROGRESSING,
  /** Failed or stuck; waiting longer will not help, a person has to look. */
  DEGRADED,
  /** The status says something we cannot interpret. */
  UNKNOWN
}
