package io.helmsync.health;

import java.util.OptionalLong;

/**
 * A StatefulSet is healthy when its pods are ready and its update has reached the pods it is
 * allowed to touch, checked as {@code kubectl rollout status} and Argo CD do. With a partition only
 * the pods at or above the partition are updated, and with {@code OnDelete} none are until someone
 * deletes them, so readiness is all that can be asked of those.
 */
final class StatefulSetHealth {
  private StatefulSetHealth() {}

  static Health assess(ObjectTree statefulSet) {
    long observed = statefulSet.number("status.observedGeneration");
    if (observed == 0 || statefulSet.number("metadata.generation") > observed) {
      return Health.progressing("Waiting for the StatefulSet spec update to be observed");
    }
    OptionalLong desired = statefulSet.optionalNumber("spec.replicas");
    long ready = statefulSet.number("status.readyReplicas");
    if (desired.isPresent() && ready < desired.getAsLong()) {
      return Health.progressing(
          String.format("Waiting for %d pods to be ready", desired.getAsLong() - ready));
    }
    String strategy = statefulSet.string("spec.updateStrategy.type");
    if (strategy.equals("OnDelete")) {
      return Health.healthy(String.format("StatefulSet has %d ready pods", ready));
    }
    if (statefulSet.has("spec.updateStrategy.rollingUpdate")) {
      return rollingUpdateWithPartition(statefulSet, desired);
    }
    return rollingUpdateByRevision(statefulSet);
  }

  /**
   * The API server defaults {@code rollingUpdate.partition} to 0, so live StatefulSets always take
   * this path; a partition only narrows which pods must be updated.
   */
  private static Health rollingUpdateWithPartition(ObjectTree statefulSet, OptionalLong desired) {
    long updated = statefulSet.number("status.updatedReplicas");
    long partition = statefulSet.number("spec.updateStrategy.rollingUpdate.partition");
    String scope =
        partition > 0 ? " (pods below partition " + partition + " keep their revision)" : "";
    if (desired.isPresent() && updated < desired.getAsLong() - partition) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d out of %d new pods have been updated%s",
              updated, desired.getAsLong() - partition, scope));
    }
    return Health.healthy(
        String.format("Rollout complete: %d new pods have been updated%s", updated, scope));
  }

  private static Health rollingUpdateByRevision(ObjectTree statefulSet) {
    String updateRevision = statefulSet.string("status.updateRevision");
    if (!updateRevision.equals(statefulSet.string("status.currentRevision"))) {
      return Health.progressing(
          String.format(
              "Waiting for rolling update to finish: %d pods updated to revision %s",
              statefulSet.number("status.updatedReplicas"), updateRevision));
    }
    return Health.healthy(
        String.format(
            "Rolling update complete: %d pods at revision %s",
            statefulSet.number("status.currentReplicas"), updateRevision));
  }
}
