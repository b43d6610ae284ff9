package io.helmsync.reconcile;

import io.helmsync.cluster.LiveHealth;
import io.helmsync.health.Health;
import io.helmsync.health.HealthAssessor;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How healthy each release is after a sync, for the {@code helmsync_release_status} metric and the
 * ReleaseDegraded/ReleaseRecovered Events: the least healthy of its live objects decides, and its
 * message names that object. Only kinds with a health check of their own are looked at (a ConfigMap
 * has no status). The agent reads them from its informer cache, so that an idle poll reads no
 * managed object from the API server.
 */
@FunctionalInterface
public interface ReleaseHealth {

  /**
   * @return per release, in plan order
   */
  Map<String, Health> assess(DesiredState desired);

  /** Assesses nothing: dry-run, and tests that do not look at health. */
  ReleaseHealth NONE = desired -> Map.of();

  /** Reads the live objects through {@code live}. */
  static ReleaseHealth live(LiveHealth live) {
    return desired -> {
      Map<String, Health> releases = new LinkedHashMap<>();
      for (DesiredRelease release : desired.releases()) {
        releases.put(release.name(), leastHealthy(release, live));
      }
      return releases;
    };
  }

  private static Health leastHealthy(DesiredRelease release, LiveHealth live) {
    Health worst = Health.healthy("");
    for (Manifest object : release.objects()) {
      if (!HealthAssessor.hasCheckFor(object.ref().group(), object.ref().kind())) {
        continue;
      }
      Health health = live.of(object);
      if (health.status().compareTo(worst.status()) > 0) {
        String message = health.message().isEmpty() ? health.status().toString() : health.message();
        worst = new Health(health.status(), object.ref() + ": " + message);
      }
    }
    return worst;
  }
}
