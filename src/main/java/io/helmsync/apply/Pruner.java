package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes objects that Git no longer declares. Each one is read first and deleted only if it still
 * carries helmsync's labels for this environment and does not opt out with {@code
 * helmsync.io/prune: disabled} (as the CustomResourceDefinitions of charts' {@code crds/} do), and
 * Namespaces are never deleted: the inventory says what helmsync created, the labels confirm the
 * object in the cluster is still that one. {@code diff} shows the deletions of the same {@link
 * #judge} a sync prunes by, so that it lists exactly what a sync would delete.
 */
public final class Pruner {
  private final KubernetesClient client;
  private final String environment;

  public Pruner(KubernetesClient client, String environment) {
    this.client = client;
    this.environment = environment;
  }

  /**
   * The outcome of a prune.
   *
   * @param changes one entry per stale object: deleted or skipped with the reason
   * @param failed objects whose deletion failed; keep them in the inventory to retry
   */
  public record Result(ChangeSet changes, List<ObjectRef> failed) {
    public Result {
      failed = List.copyOf(failed);
    }
  }

  /**
   * What pruning one stale object does: delete it, or skip it with the reason.
   *
   * @param entry {@link Action#DELETED}, or {@link Action#SKIPPED} with the reason
   * @param live the object as read, for showing what is deleted; empty when it was not read
   */
  public record Verdict(ChangeSet.Entry entry, Map<String, Object> live) {
    public Verdict {
      live = Collections.unmodifiableMap(new LinkedHashMap<>(live));
    }

    public boolean deletes() {
      return entry.action() == Action.DELETED;
    }
  }

  public Result prune(List<ObjectRef> stale, PruneOptions options) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    List<ObjectRef> failed = new ArrayList<>();
    for (ObjectRef ref : stale) {
      try {
        Verdict verdict = judge(ref);
        if (verdict.deletes()) {
          client.resource(reference(ref)).withPropagationPolicy(options.propagation()).delete();
        }
        entries.add(verdict.entry());
      } catch (KubernetesClientException e) {
        failed.add(ref);
        entries.add(
            new ChangeSet.Entry(ref, "", Action.SKIPPED, "delete failed " + ApiErrors.describe(e)));
      }
    }
    return new Result(new ChangeSet(entries), failed);
  }

  /**
   * Reads {@code ref} and decides whether a prune deletes it, deleting nothing.
   *
   * @throws KubernetesClientException when the object cannot be read
   */
  public Verdict judge(ObjectRef ref) {
    if (ref.kind().equals("Namespace") && ref.apiVersion().equals("v1")) {
      // Deleting a namespace deletes everything in it, including what helmsync never managed.
      return skipped(ref, "", "Namespaces are never pruned; delete it by hand if that is meant");
    }
    GenericKubernetesResource live = client.resource(reference(ref)).get();
    if (live == null) {
      return skipped(ref, "", "already gone");
    }
    Map<String, String> labels = live.getMetadata().getLabels();
    String release = labels == null ? "" : labels.getOrDefault(Ownership.RELEASE, "");
    if (!Ownership.ownedBy(labels, environment)) {
      return skipped(ref, release, "not labelled as helmsync's for environment " + environment);
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations != null && Ownership.DISABLED.equals(annotations.get(Ownership.PRUNE))) {
      return skipped(ref, release, "prune disabled by annotation " + Ownership.PRUNE);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = client.getKubernetesSerialization().convertValue(live, Map.class);
    return new Verdict(new ChangeSet.Entry(ref, release, Action.DELETED, ""), object);
  }

  private static Verdict skipped(ObjectRef ref, String release, String reason) {
    return new Verdict(new ChangeSet.Entry(ref, release, Action.SKIPPED, reason), Map.of());
  }

  static GenericKubernetesResource reference(ObjectRef ref) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(ref.apiVersion());
    object.setKind(ref.kind());
    object.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(ref.name())
            .withNamespace(ref.namespace().isEmpty() ? null : ref.namespace())
            .build());
    return object;
  }
}
