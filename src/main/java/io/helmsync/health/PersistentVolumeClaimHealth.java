package io.helmsync.health;

/**
 * A PersistentVolumeClaim is healthy once bound to a volume. {@code Lost} means the bound volume is
 * gone and the data with it, so it is degraded; {@code Pending} may just be waiting for the first
 * consumer ({@code WaitForFirstConsumer}) or the provisioner.
 */
final class PersistentVolumeClaimHealth {
  private PersistentVolumeClaimHealth() {}

  static Health assess(ObjectTree claim) {
    String phase = claim.string("status.phase");
    String volume = claim.string("spec.volumeName");
    return switch (phase) {
      case "Bound" -> Health.healthy("Bound to volume " + volume);
      case "Pending" -> Health.progressing("Waiting for a volume to be provisioned or bound");
      case "Lost" -> Health.degraded("The bound volume " + volume + " no longer exists");
      case "" -> Health.unknown("The claim reports no phase yet");
      default -> Health.unknown("Claim phase is '" + phase + "'");
    };
  }
}
