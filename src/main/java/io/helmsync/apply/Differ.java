package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.helmsync.model.Action;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.YamlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an apply and prune would change, without changing anything: objects that already match are
 * left out (as the applier would), the others are compared with what a server-side dry-run apply
 * returns, so defaults and other managers' fields show as the server would keep them.
 */
public final class Differ {
  private static final Set<String> SERVER_METADATA =
      Set.of("managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink");

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final String environment;

  public Differ(KubernetesClient client, String environment) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.environment = environment;
  }

  /**
   * @param stale objects the inventory lists that the desired state no longer declares
   */
  public List<ObjectDiff> diff(DesiredState desired, List<ObjectRef> stale, ApplyOptions options) {
    List<ObjectDiff> diffs = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      for (Manifest manifest : release.objects()) {
        try {
          diffOne(manifest, release.name(), options).ifPresent(diffs::add);
        } catch (KubernetesClientException e) {
          throw ApiErrors.failure(manifest.ref(), "dry-run apply", e);
        }
      }
    }
    for (ObjectRef ref : stale) {
      pruneDiff(ref).ifPresent(diffs::add);
    }
    return diffs;
  }

  private java.util.Optional<ObjectDiff> diffOne(Manifest manifest, String release, ApplyOptions options) {
    GenericKubernetesResource object = serialization.convertValue(manifest.body(), GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> resource = client.resource(object);
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      return java.util.Optional.of(diffOf(manifest.ref(), release, Action.CREATED, Map.of(), manifest.body()));
    }
    Map<String, Object> liveMap = asMap(live);
    if (LiveComparison.matches(manifest.body(), liveMap, options.fieldManager())) {
      return java.util.Optional.empty();
    }
    GenericKubernetesResource applied =
        resource.dryRun().fieldManager(options.fieldManager()).forceConflicts().serverSideApply();
    return java.util.Optional.of(diffOf(manifest.ref(), release, Action.CONFIGURED, liveMap, asMap(applied)));
  }

  private java.util.Optional<ObjectDiff> pruneDiff(ObjectRef ref) {
    GenericKubernetesResource live = client.resource(Pruner.reference(ref)).get();
    if (live == null || !Ownership.ownedBy(live.getMetadata().getLabels(), environment)) {
      return java.util.Optional.empty();
    }
    Map<String, String> annotations = live.getMetadata().getAnnotations();
    if (annotations != null && Ownership.DISABLED.equals(annotations.get(Ownership.PRUNE))) {
      return java.util.Optional.empty();
    }
    String release = live.getMetadata().getLabels().getOrDefault(Ownership.RELEASE, "");
    return java.util.Optional.of(diffOf(ref, release, Action.DELETED, asMap(live), Map.of()));
  }

  private static ObjectDiff diffOf(
      ObjectRef ref, String release, Action action, Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> shownBefore = forDisplay(before);
    Map<String, Object> shownAfter = forDisplay(after);
    SecretMask.mask(ref, shownBefore, shownAfter);
    return new ObjectDiff(ref, release, action, yaml(shownBefore), yaml(shownAfter));
  }

  /** Without what the server manages (status, versions, managed fields) and the revision annotation. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> forDisplay(Map<String, Object> object) {
    if (object.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> metadata) {
      Map<String, Object> trimmed = new LinkedHashMap<>((Map<String, Object>) metadata);
      SERVER_METADATA.forEach(trimmed::remove);
      if (trimmed.get("annotations") instanceof Map<?, ?> annotations) {
        Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) annotations);
        kept.remove(Ownership.REVISION);
        if (kept.isEmpty()) {
          trimmed.remove("annotations");
        } else {
          trimmed.put("annotations", kept);
        }
      }
      copy.put("metadata", trimmed);
    }
    return copy;
  }

  private static String yaml(Map<String, Object> object) {
    return object.isEmpty() ? "" : YamlDocuments.write(object);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource resource) {
    return serialization.convertValue(resource, Map.class);
  }
}
