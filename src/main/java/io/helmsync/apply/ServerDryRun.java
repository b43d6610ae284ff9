package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * Asks the API server what an apply would do ({@code dryRun=All}) before helmsync acts on a
 * difference it found itself: the server applies defaults, conversions and normalisations that no
 * client-side comparison knows all of, so only a difference that survives the dry-run is drift.
 */
public final class ServerDryRun {
  private final KubernetesClient client;

  public ServerDryRun(KubernetesClient client) {
    this.client = client;
  }

  /**
   * True when applying {@code desired} would change {@code live} outside {@code ignored} paths;
   * also true when the server cannot answer, so that a real drift is not missed for want of a
   * dry-run.
   */
  @SuppressWarnings("unchecked")
  public boolean wouldChange(
      Map<String, Object> desired,
      Map<String, Object> live,
      String fieldManager,
      List<String> ignored) {
    try {
      GenericKubernetesResource object =
          client
              .getKubernetesSerialization()
              .convertValue(desired, GenericKubernetesResource.class);
      GenericKubernetesResource answer =
          client
              .resource(object)
              .dryRun()
              .fieldManager(fieldManager)
              .forceConflicts()
              .serverSideApply();
      Map<String, Object> after =
          LiveComparison.withoutServerFields(
              client.getKubernetesSerialization().convertValue(answer, Map.class));
      return !LiveComparison.differences(after, live, ignored).isEmpty();
    } catch (KubernetesClientException e) {
      return true;
    }
  }
}
