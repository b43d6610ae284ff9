/**
 * Health of Kubernetes objects from their own status, one pure check per kind after Argo CD's
 * gitops-engine, so that waiting, {@code atomic} rollback and the status page all agree on what
 * "done" means. Entry point: {@link io.helmsync.health.HealthAssessor}.
 */
package io.helmsync.health;
