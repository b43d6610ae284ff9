package io.helmsync.health;

import java.util.Optional;

/**
 * Health for every kind without its own check, from the conventions most controllers follow: a
 * {@code status.observedGeneration} behind {@code metadata.generation} means the controller has not
 * acted on the latest spec yet, and a {@code Ready} (or else {@code Available}) condition says
 * whether it succeeded. Kinds with no status at all (ConfigMap, Secret, ServiceAccount, Role...)
 * have nothing to wait for and are healthy as soon as they exist.
 */
final class GenericHealth {
  private GenericHealth() {}

  static Health assess(ObjectTree object) {
    if (object.has("status.observedGeneration")
        && object.number("status.observedGeneration") < object.number("metadata.generation")) {
      return Health.progressing(
          "Waiting for the controller to observe generation "
              + object.number("metadata.generation"));
    }
    Optional<Condition> readiness =
        object.condition("Ready").or(() -> object.condition("Available"));
    if (readiness.isEmpty()) {
      return Health.healthy("");
    }
    Condition condition = readiness.get();
    String summary = condition.type() + " is " + condition.status();
    String why = condition.explanation().isEmpty() ? "" : ": " + condition.explanation();
    if (condition.isTrue()) {
      return Health.healthy(summary + why);
    }
    if (condition.isFalse()) {
      return Health.degraded(summary + why);
    }
    return Health.progressing(summary + why);
  }
}
