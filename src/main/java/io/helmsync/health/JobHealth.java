package io.helmsync.health;

import java.util.Optional;

/**
 * A Job is healthy once it has completed and degraded once it has failed, as its {@code Complete}
 * and {@code Failed} conditions say; until then it is progressing, or suspended when {@code
 * spec.suspend} holds it back (Argo CD reports that as Suspended, not as a failure).
 */
final class JobHealth {
  private JobHealth() {}

  static Health assess(ObjectTree job) {
    Optional<Condition> failed = job.condition("Failed").filter(Condition::isTrue);
    if (failed.isPresent()) {
      return Health.degraded("Job failed: " + failed.get().explanation());
    }
    Optional<Condition> complete = job.condition("Complete").filter(Condition::isTrue);
    if (complete.isPresent()) {
      return Health.healthy(
          String.format("Job completed: %d succeeded", job.number("status.succeeded")));
    }
    if (job.flag("spec.suspend")) {
      return Health.suspended("Job is suspended");
    }
    return Health.progressing(
        String.format(
            "Waiting for the Job to complete: %d active, %d succeeded, %d failed pods",
            job.number("status.active"),
            job.number("status.succeeded"),
            job.number("status.failed")));
  }
}
