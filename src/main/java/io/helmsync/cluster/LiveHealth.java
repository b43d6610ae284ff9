package io.helmsync.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.apply.ApiErrors;
import io.helmsync.apply.LiveObjects;
import io.helmsync.health.Health;
import io.helmsync.health.HealthAssessor;
import io.helmsync.model.Manifest;
import java.util.Map;
import java.util.Optional;

/**
 * The health of a managed object as it is live, read through {@link LiveObjects}: the API server
 * for the health wait and {@code sync --once}, the agent's informer cache for the health it reports
 * after every reconcile, so that an idle poll reads no managed object.
 */
public final class LiveHealth {
  private final LiveObjects live;

  public LiveHealth(LiveObjects live) {
    this.live = live;
  }

  /** Progressing when the object is not there yet, unknown when it cannot be read. */
  public Health of(Manifest object) {
    try {
      Optional<Map<String, Object>> found = live.get(object.ref());
      return found
          .map(HealthAssessor::assess)
          .orElseGet(() -> Health.progressing("Not found in the cluster yet"));
    } catch (KubernetesClientException e) {
      return Health.unknown("Cannot read it: " + ApiErrors.describe(e));
    }
  }
}
