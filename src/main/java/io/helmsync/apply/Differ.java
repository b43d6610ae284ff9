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
import io.helmsync.model.Ownership;
import io.helmsync.model.YamlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an apply and prune would change, without changing anything, decided by the code a sync
 * decides by: an object is shown when {@link DriftPolicy#toApply} says the applier would send it,
 * and a stale object when {@link Pruner#judge} says the pruner would delete it and the mass-prune
 * guard ({@link PruneOptions#refuses}) lets the prune run. What would be sent is compared with what
 * a server-side dry-run apply of it returns, so defaults and other managers' fields show as the
 * server would keep them.
 */
public final class Differ {
  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final Pruner pruner;
  private final DriftPolicy driftPolicy;
  private final PruneOptions pruneOptions;

  public Differ(
      KubernetesClient client,
      String environment,
      DriftPolicy driftPolicy,
      PruneOptions pruneOptions) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.pruner = new Pruner(client, environment);
    this.driftPolicy = driftPolicy;
    this.pruneOptions = pruneOptions;
  }

  /**
   * What a sync would change.
   *
   * @param changes the objects a sync would create, configure or delete
   * @param refusedPrune why a sync would refuse to prune, if it would; no deletion is listed then
   */
  public record Result(List<ObjectDiff> changes, Optional<String> refusedPrune) {
    public Result {
      changes = List.copyOf(changes);
    }
  }

  /**
   * @param stale objects the inventory lists that the desired state no longer declares (none when
   *     pruning is off)
   * @param managed how many objects the inventory lists, for the mass-prune guard
   */
  public Result diff(
      DesiredState desired, List<ObjectRef> stale, int managed, ApplyOptions options) {
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
    if (pruneOptions.refuses(stale.size(), managed)) {
      return new Result(
          diffs,
          Optional.of(
              "a sync would refuse to prune "
                  + stale.size()
                  + " of the "
                  + managed
                  + " managed objects ("
                  + (stale.size() == managed ? "all of them" : "more than half")
                  + ") and fail after applying; if the deletion is meant, set"
                  + " HELMSYNC_ALLOW_MASS_PRUNE=true for one sync"));
    }
    for (ObjectRef ref : stale) {
      pruneDiff(ref).ifPresent(diffs::add);
    }
    return new Result(diffs, Optional.empty());
  }

  private Optional<ObjectDiff> diffOne(Manifest manifest, String release, ApplyOptions options) {
    GenericKubernetesResource object =
        serialization.convertValue(manifest.body(), GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> resource = client.resource(object);
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      return Optional.of(
          diffOf(manifest.ref(), release, Action.CREATED, Map.of(), manifest.body()));
    }
    Map<String, Object> liveMap = asMap(live);
    Optional<Map<String, Object>> sent =
        driftPolicy.toApply(manifest.ref(), manifest.body(), liveMap, options.fieldManager());
    if (sent.isEmpty()) {
      return Optional.empty();
    }
    GenericKubernetesResource applied =
        client
            .resource(serialization.convertValue(sent.get(), GenericKubernetesResource.class))
            .dryRun()
            .fieldManager(options.fieldManager())
            .forceConflicts()
            .serverSideApply();
    return Optional.of(diffOf(manifest.ref(), release, Action.CONFIGURED, liveMap, asMap(applied)));
  }

  private Optional<ObjectDiff> pruneDiff(ObjectRef ref) {
    Pruner.Verdict verdict;
    try {
      verdict = pruner.judge(ref);
    } catch (KubernetesClientException e) {
      throw ApiErrors.failure(ref, "read", e);
    }
    if (!verdict.deletes()) {
      return Optional.empty();
    }
    return Optional.of(
        diffOf(ref, verdict.entry().release(), Action.DELETED, verdict.live(), Map.of()));
  }

  private static ObjectDiff diffOf(
      ObjectRef ref,
      String release,
      Action action,
      Map<String, Object> before,
      Map<String, Object> after) {
    Map<String, Object> shownBefore = forDisplay(before);
    Map<String, Object> shownAfter = forDisplay(after);
    SecretMask.mask(ref, shownBefore, shownAfter);
    return new ObjectDiff(ref, release, action, yaml(shownBefore), yaml(shownAfter));
  }

  /** Without what the server writes itself and without the revision annotation. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> forDisplay(Map<String, Object> object) {
    if (object.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> shown = LiveComparison.withoutServerFields(object);
    if (shown.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations) {
      Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) annotations);
      kept.remove(Ownership.REVISION);
      if (kept.isEmpty()) {
        ((Map<String, Object>) metadata).remove("annotations");
      } else {
        ((Map<String, Object>) metadata).put("annotations", kept);
      }
    }
    return shown;
  }

  private static String yaml(Map<String, Object> object) {
    return object.isEmpty() ? "" : YamlDocuments.write(object);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource resource) {
    return serialization.convertValue(resource, Map.class);
  }
}
