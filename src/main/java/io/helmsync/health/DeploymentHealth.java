package io.helmsync.health;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Deployment is healthy when its rollout is complete, checked as {@code kubectl rollout status}
 * and Argo CD do: the controller has seen the latest spec, every replica runs the new template, no
 * old replica is left, and the new ones are available. A rollout past its progress deadline is
 * degraded, since the controller itself has stopped waiting.
 */
final class DeploymentHealth {
  private DeploymentHealth() {}

  static Health assess(ObjectTree deployment) {
    if (deployment.flag("spec.paused")) {
      return Health.suspended("Deployment is paused");
    }
    long generation = deployment.number("metadata.generation");
    long observed = deployment.number("status.observedGeneration");
    if (generation > observed) {
      return Health.progressing(
          "Waiting for rollout to finish: the controller has not yet observed generation "
              + generation);
    }
    return rollout(deployment);
  }

  private static Health rollout(ObjectTree deployment) {
    Optional<Condition> deadlineExceeded =
        deployment
            .condition("Progressing")
            .filter(c -> c.reason().equals("ProgressDeadlineExceeded"));
    if (deadlineExceeded.isPresent()) {
      return Health.degraded(
          "Deployment exceeded its progress deadline: " + deadlineExceeded.get().explanation());
    }
    OptionalLong desired = deployment.optionalNumber("spec.replicas");
    long replicas = deployment.number("status.replicas");
    long updated = deployment.number("status.updatedReplicas");
    long available = deployment.number("status.availableReplicas");
    if (desired.isPresent() && updated < desired.getAsLong()) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d out of %d new replicas have been updated",
              updated, desired.getAsLong()));
    }
    if (replicas > updated) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d old replicas are pending termination",
              replicas - updated));
    }
    if (available < updated) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d of %d updated replicas are available",
              available, updated));
    }
    return Health.healthy(
        String.format("Rollout complete: %d updated replicas are available", available));
  }
}
