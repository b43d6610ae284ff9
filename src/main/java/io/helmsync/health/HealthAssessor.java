package io.helmsync.health;

import java.util.Map;
import java.util.function.Function;

/**
 * Tells how healthy one Kubernetes object is from its own status, the way Argo CD's gitops-engine
 * does: one pure function per kind, chosen by API group and kind, and a fallback on the status
 * conventions ({@code observedGeneration}, {@code Ready}/{@code Available} conditions) for every
 * other kind. It reads nothing from the cluster, so the same object always gets the same verdict
 * and every verdict can be tested from a YAML fixture.
 */
public final class HealthAssessor {
  private static final Map<GroupKind, Function<ObjectTree, Health>> BY_KIND =
      Map.ofEntries(
          Map.entry(new GroupKind("apps", "Deployment"), DeploymentHealth::assess),
          Map.entry(new GroupKind("extensions", "Deployment"), DeploymentHealth::assess),
          Map.entry(new GroupKind("apps", "StatefulSet"), StatefulSetHealth::assess),
          Map.entry(new GroupKind("apps", "DaemonSet"), DaemonSetHealth::assess),
          Map.entry(new GroupKind("extensions", "DaemonSet"), DaemonSetHealth::assess),
          Map.entry(new GroupKind("apps", "ReplicaSet"), ReplicaSetHealth::assess),
          Map.entry(new GroupKind("extensions", "ReplicaSet"), ReplicaSetHealth::assess),
          Map.entry(new GroupKind("batch", "Job"), JobHealth::assess),
          Map.entry(new GroupKind("", "Pod"), PodHealth::assess),
          Map.entry(
              new GroupKind("", "PersistentVolumeClaim"), PersistentVolumeClaimHealth::assess),
          Map.entry(new GroupKind("", "Service"), ServiceHealth::assess),
          Map.entry(new GroupKind("networking.k8s.io", "Ingress"), IngressHealth::assess),
          Map.entry(new GroupKind("extensions", "Ingress"), IngressHealth::assess),
          Map.entry(
              new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"),
              CustomResourceDefinitionHealth::assess));

  private HealthAssessor() {}

  /**
   * Assesses one object, live or as rendered.
   *
   * @param object the full object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code
   *     status}...) as a plain tree
   * @return PROGRESSING while the object is being deleted; UNKNOWN when a status field has the
   *     wrong type; otherwise the verdict of its kind's check
   */
  public static Health assess(Map<String, Object> object) {
    ObjectTree tree = new ObjectTree(object);
    try {
      if (tree.has("metadata.deletionTimestamp")) {
        return Health.progressing("Pending deletion");
      }
      return BY_KIND.getOrDefault(GroupKind.of(tree), GenericHealth::assess).apply(tree);
    } catch (ObjectTree.MalformedException e) {
      return Health.unknown("Cannot assess health: " + e.getMessage());
    }
  }

  /**
   * True when objects of this kind have a check of their own; the others (ConfigMaps, Secrets,
   * ServiceAccounts...) have no status to wait for, so reading them back tells nothing.
   *
   * @param group the API group, empty for the core group
   */
  public static boolean hasCheckFor(String group, String kind) {
    return BY_KIND.containsKey(new GroupKind(group, kind));
  }

  /** What selects the check: the version does not matter, the fields read are the same. */
  private record GroupKind(String group, String kind) {
    static GroupKind of(ObjectTree tree) {
      String apiVersion = tree.string("apiVersion");
      int slash = apiVersion.indexOf('/');
      return new GroupKind(slash < 0 ? "" : apiVersion.substring(0, slash), tree.string("kind"));
    }
  }
}
