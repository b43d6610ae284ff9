package io.helmsync.health;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A ReplicaSet is healthy when all its replicas are available. A {@code ReplicaFailure} condition
 * means the controller could not create pods (quota, admission), which waiting does not fix.
 */
final class ReplicaSetHealth {
  private ReplicaSetHealth() {}

  static Health assess(ObjectTree replicaSet) {
    if (replicaSet.number("metadata.generation") > replicaSet.number("status.observedGeneration")) {
      return Health.progressing(
          "Waiting for rollout to finish: the controller has not yet observed the latest spec");
    }
    Optional<Condition> failure = replicaSet.condition("ReplicaFailure").filter(Condition::isTrue);
    if (failure.isPresent()) {
      return Health.degraded(failure.get().explanation());
    }
    OptionalLong desired = replicaSet.optionalNumber("spec.replicas");
    long available = replicaSet.number("status.availableReplicas");
    if (desired.isPresent() && available < desired.getAsLong()) {
      return Health.progressing(
          String.format(
              "Waiting for rollout to finish: %d out of %d new replicas are available",
              available, desired.getAsLong()));
    }
    return Health.healthy(String.format("%d replicas are available", available));
  }
}
