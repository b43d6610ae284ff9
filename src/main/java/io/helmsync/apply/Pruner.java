package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes objects that Git no longer declares. Each one is read first and deleted only if it still
 * carries helmsync's labels for this environment and does not opt out with {@code
 * helmsync.io/prune: disabled}, and Namespaces are never deleted: the inventory says what helmsync created, the labels confirm the
 * object in the cluster is still that one.
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

  public Result prune(List<ObjectRef> stale, PruneOptions options) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    List<ObjectRef> failed = new ArrayList<>();
    for (ObjectRef ref : stale) {
      try {
        entries.add(pruneOne(ref, options));
      } catch (KubernetesClientException e) {
        failed.add(ref);
        entries.add(new ChangeSet.Entry(ref, "", Action.SKIPPED, "delete failed " + ApiErrors.describe(e)));
      }
    }
    return new Result(new ChangeSet(entries), failed);
  }

  private ChangeSet.Entry pruneOne(ObjectRef ref, PruneOptions options) {
    if (ref.kind().equals("Namespace") && ref.apiVersion().equals("v1")) {
      // Deleting a namespace deletes everything in it, including what helmsync never managed.
      return new ChangeSet.Entry(ref, "", Action.SKIPPED,
          "Namespaces are never pruned; delete it by hand if that is meant");
    }
    var resource = client.resource(reference(ref));
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      return new ChangeSet.Entry(ref, "", Action.SKIPPED, "already gone");
    }
    Map<String, String> labels = live.getMetadata().getLabels();
    String release = labels == null ? "" : labels.getOrDefault(Ownership.RELEASE, "");
    if (!Ownership.ownedBy(labels, environment)) {
      return new ChangeSet.Entry(ref, release, Action.SKIPPED, "not labelled as helmsync's for environment " + environment);
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations != null && Ownership.DISABLED.equals(annotations.get(Ownership.PRUNE))) {
      return new ChangeSet.Entry(ref, release, Action.SKIPPED, "prune disabled by annotation " + Ownership.PRUNE);
    }
    resource.withPropagationPolicy(options.propagation()).delete();
    return new ChangeSet.Entry(ref, release, Action.DELETED, "");
  }

  static GenericKubernetesResource reference(ObjectRef ref) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(ref.apiVersion());
    object.setKind(ref.kind());
    object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withName(ref.name())
        .withNamespace(ref.namespace().isEmpty() ? null : ref.namespace())
        .build());
    return object;
  }
}
