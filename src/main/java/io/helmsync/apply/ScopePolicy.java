package io.helmsync.apply;

import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a commit may make helmsync write: the agent's namespace and those {@code
 * HELMSYNC_ALLOWED_NAMESPACES} lists, and cluster-scoped objects only with {@code
 * HELMSYNC_ALLOW_CLUSTER_SCOPED=true}. Whoever can push to the repository makes the agent apply
 * what it renders with the agent's credentials; this keeps a commit to the environment the agent
 * deploys, whatever else the agent's Role happens to reach.
 *
 * <p>The CustomResourceDefinitions of charts' {@code crds/} directories keep Helm's rule and are
 * applied either way: {@code DesiredStates} marks them never to be pruned, and the mark is what
 * tells them from a CustomResourceDefinition a template renders (a template that sets the mark
 * itself gains nothing a file in {@code crds/} would not give).
 *
 * @param allowedNamespaces namespaces besides the agent's; {@value #ANY_NAMESPACE} allows all
 */
public record ScopePolicy(Set<String> allowedNamespaces, boolean allowClusterScoped) {
  public static final String ANY_NAMESPACE = "*";

  /** Any namespace and cluster-scoped kinds too; Kubernetes' own rules still hold. */
  public static final ScopePolicy UNRESTRICTED = new ScopePolicy(Set.of(ANY_NAMESPACE), true);

  public ScopePolicy {
    allowedNamespaces =
        allowedNamespaces.stream()
            .map(String::strip)
            .filter(ns -> !ns.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** From the settings: {@code HELMSYNC_ALLOWED_NAMESPACES} may be unset. */
  public static ScopePolicy of(
      Optional<List<String>> allowedNamespaces, boolean allowClusterScoped) {
    return new ScopePolicy(Set.copyOf(allowedNamespaces.orElse(List.of())), allowClusterScoped);
  }

  /** The check of a whole state for an agent managing {@code namespace}. */
  public DesiredStateCheck check(String namespace, KindScopes cluster) {
    return new DesiredStateCheck(namespace, this, cluster);
  }

  /**
   * Why {@code object} may not be applied by an agent managing {@code namespace}, as {@code "<what
   * is refused>; <what to do>"}; empty when it may.
   */
  Optional<String> refusal(Manifest object, String namespace, boolean clusterScoped) {
    if (clusterScoped) {
      if (allowClusterScoped || isChartCrd(object)) {
        return Optional.empty();
      }
      return Optional.of(
          object.ref().kind()
              + " is cluster-scoped: it acts outside namespace "
              + namespace
              + ", on the whole cluster; remove it from the release, or set "
              + "HELMSYNC_ALLOW_CLUSTER_SCOPED=true to let helmsync apply cluster-scoped objects");
    }
    String target = object.ref().namespace();
    if (target.equals(namespace)
        || allowedNamespaces.contains(target)
        || allowedNamespaces.contains(ANY_NAMESPACE)) {
      return Optional.empty();
    }
    return Optional.of(
        "namespace "
            + target
            + " is outside helmsync's namespace "
            + namespace
            + "; deploy the object (or its release) to "
            + namespace
            + ", or add "
            + target
            + " to HELMSYNC_ALLOWED_NAMESPACES");
  }

  /** True for a CustomResourceDefinition of {@code apiextensions.k8s.io}. */
  static boolean isCustomResourceDefinition(Manifest object) {
    return object.ref().kind().equals("CustomResourceDefinition")
        && object.ref().group().equals("apiextensions.k8s.io");
  }

  /** A CustomResourceDefinition from a chart's {@code crds/}: marked never to be pruned. */
  private static boolean isChartCrd(Manifest object) {
    return isCustomResourceDefinition(object)
        && object.body().get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations
        && Ownership.DISABLED.equals(annotations.get(Ownership.PRUNE));
  }
}
