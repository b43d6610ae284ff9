package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.model.ObjectRef;
import java.util.Map;
import java.util.Optional;

/**
 * Where the applier finds the live state of an object before deciding whether to send it: read from
 * the API server, or from the agent's informer cache so that a reconcile with nothing to change
 * reads nothing.
 */
@FunctionalInterface
public interface LiveObjects {

  /** The live object as a map, or empty when it does not exist. */
  Optional<Map<String, Object>> get(ObjectRef ref);

  /** One GET per object. */
  @SuppressWarnings("unchecked")
  static LiveObjects reading(KubernetesClient client) {
    return ref -> {
      GenericKubernetesResource live = client.resource(Pruner.reference(ref)).get();
      return live == null
          ? Optional.empty()
          : Optional.of(client.getKubernetesSerialization().convertValue(live, Map.class));
    };
  }
}
