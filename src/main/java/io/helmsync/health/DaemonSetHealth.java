package io.helmsync.health;

/**
 * A DaemonSet is healthy when every node that should run its pod runs the new template and the pod
 * is available, checked as {@code kubectl rollout status} and Argo CD do. With {@code OnDelete}
 * pods are only replaced when someone deletes them, so an old pod is not a rollout in progress.
 */
final class DaemonSetHealth {
  private DaemonSetHealth() {}

  static Health assess(ObjectTree daemonSet) {
    if (daemonSet.number("metadata.generation") > daemonSet.number("status.observedGeneration")) {
      return Health.progressing(
          "Waiting for rollout to finish: the controller has not yet observed the latest spec");
    }
    long desired = daemonSet.number("status.desiredNumberScheduled");
    long updated = daemonSet.number("status.updatedNumberScheduled");
    if (daemonSet.string("spec.updateStrategy.type").equals("OnDelete")) {
      return Health.healthy(
          String.format("%d out of %d pods run the new template (OnDelete)", updated, desired));
    }
    if (updated < desired) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d out of %d new pods have been updated",
              updated, desired));
    }
    long available = daemonSet.number("status.numberAvailable");
    if (available < desired) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d of %d updated pods are available",
              available, desired));
    }
    return Health.healthy(String.format("Rollout complete: %d pods are available", available));
  }
}
