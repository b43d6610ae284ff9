package io.helmsync.apply;

import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which kinds have no namespace. The cluster's discovery knows every kind it serves; a custom kind
 * is also known from the CustomResourceDefinition that declares it in the same state (the cluster
 * cannot serve it before it is applied), and without a cluster ({@code render}) from a table of the
 * built-in kinds.
 */
@FunctionalInterface
public interface KindScopes {
  /** Without a cluster: no kind is known from it. */
  KindScopes OFFLINE = (apiVersion, kind) -> Optional.empty();

  /** Kubernetes' built-in cluster-scoped kinds; other kinds are not known. */
  KindScopes BUILT_IN =
      (apiVersion, kind) -> Ownership.isClusterScoped(kind) ? Optional.of(true) : Optional.empty();

  /**
   * Whether {@code kind} of {@code apiVersion} is cluster-scoped; empty when this source does not
   * know the kind.
   */
  Optional<Boolean> clusterScoped(String apiVersion, String kind);

  /** This source, and {@code fallback} for the kinds it does not know. */
  default KindScopes orElse(KindScopes fallback) {
    return (apiVersion, kind) ->
        clusterScoped(apiVersion, kind).or(() -> fallback.clusterScoped(apiVersion, kind));
  }

  /** The custom kinds the CustomResourceDefinitions of the state declare, by {@code spec.scope}. */
  static KindScopes declaredBy(DesiredState desired) {
    Map<String, Boolean> declared = new HashMap<>();
    for (Manifest object : desired.objects()) {
      if (ScopePolicy.isCustomResourceDefinition(object)
          && object.body().get("spec") instanceof Map<?, ?> spec
          && spec.get("names") instanceof Map<?, ?> names
          && spec.get("versions") instanceof List<?> versions) {
        boolean cluster = "Cluster".equals(spec.get("scope"));
        for (Object version : versions) {
          if (version instanceof Map<?, ?> served) {
            declared.put(
                spec.get("group") + "/" + served.get("name") + "/" + names.get("kind"), cluster);
          }
        }
      }
    }
    return (apiVersion, kind) -> Optional.ofNullable(declared.get(apiVersion + "/" + kind));
  }
}
