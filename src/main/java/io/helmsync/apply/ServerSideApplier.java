package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies objects with server-side apply, one at a time in the order given, after reading each live
 * object to skip those that already match (see {@link LiveComparison}). Stops at the first failure,
 * naming the object, so the caller knows the apply was partial and does not prune. A conflict
 * (409: the object changed between the read and the write) is retried from the read, a few times.
 */
public final class ServerSideApplier implements Applier {
  /** Attempts per object when the API server answers 409 Conflict. */
  static final int CONFLICT_ATTEMPTS = 3;
  private static final int HTTP_CONFLICT = 409;

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  public ServerSideApplier(KubernetesClient client) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
  }

  @Override
  public ChangeSet apply(DesiredState desired, ApplyOptions options) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      for (Manifest manifest : release.objects()) {
        entries.add(new ChangeSet.Entry(manifest.ref(), release.name(), applyOne(manifest, options), ""));
      }
    }
    return new ChangeSet(entries);
  }

  private Action applyOne(Manifest manifest, ApplyOptions options) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readAndApply(manifest, options);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
          throw ApiErrors.failure(manifest.ref(), "apply", e);
        }
      }
    }
  }

  private Action readAndApply(Manifest manifest, ApplyOptions options) {
    GenericKubernetesResource object = serialization.convertValue(manifest.body(), GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> resource = client.resource(object);
    GenericKubernetesResource live = resource.get();
    if (live != null && LiveComparison.matches(manifest.body(), asMap(live), options.fieldManager())) {
      return Action.UNCHANGED;
    }
    var apply = resource.fieldManager(options.fieldManager());
    (options.force() ? apply.forceConflicts() : apply).serverSideApply();
    return live == null ? Action.CREATED : Action.CONFIGURED;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource live) {
    return serialization.convertValue(live, Map.class);
  }
}
