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
import java.util.Optional;

/**
 * Applies objects with server-side apply, one at a time in the order given, after looking up each
 * live object (in the agent's informer cache, or with a GET) to skip those that already match (see
 * {@link LiveComparison}). Fields the {@link DriftPolicy} ignores are not compared, and not sent
 * when another manager owns them. A conflict (409: the object changed between the read and the
 * write) is retried from a fresh GET, a few times. Stops at the first failure, naming the object,
 * so the caller knows the apply was partial and does not prune.
 */
public final class ServerSideApplier implements Applier {
  /** Attempts per object when the API server answers 409 Conflict. */
  static final int CONFLICT_ATTEMPTS = 3;

  private static final int HTTP_CONFLICT = 409;

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final LiveObjects liveObjects;
  private final DriftPolicy driftPolicy;
  private final Holds holds;

  /** Reads each object from the API server and ignores no field. */
  public ServerSideApplier(KubernetesClient client) {
    this(client, DriftPolicy.none());
  }

  /** Reads each object from the API server, as {@code sync --once} does. */
  public ServerSideApplier(KubernetesClient client, DriftPolicy driftPolicy) {
    this(client, LiveObjects.reading(client), driftPolicy, Holds.NONE);
  }

  public ServerSideApplier(
      KubernetesClient client, LiveObjects liveObjects, DriftPolicy driftPolicy, Holds holds) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.liveObjects = liveObjects;
    this.driftPolicy = driftPolicy;
    this.holds = holds;
  }

  @Override
  public ChangeSet apply(DesiredState desired, ApplyOptions options) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      for (Manifest manifest : release.objects()) {
        entries.add(applyOne(manifest, release.name(), options));
      }
    }
    return new ChangeSet(entries);
  }

  private ChangeSet.Entry applyOne(Manifest manifest, String release, ApplyOptions options) {
    LiveObjects live = liveObjects;
    for (int attempt = 1; ; attempt++) {
      try {
        return readAndApply(manifest, release, options, live);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HTTP_CONFLICT || attempt == CONFLICT_ATTEMPTS) {
          throw ApiErrors.failure(manifest.ref(), "apply", e);
        }
        // A cached object may be as old as the conflict: read the object itself again.
        live = LiveObjects.reading(client);
      }
    }
  }

  private ChangeSet.Entry readAndApply(
      Manifest manifest, String release, ApplyOptions options, LiveObjects liveObjects) {
    Optional<Map<String, Object>> live = liveObjects.get(manifest.ref());
    Map<String, Object> body = manifest.body();
    if (live.isPresent()) {
      Optional<Map<String, Object>> changed =
          driftPolicy.toApply(manifest.ref(), body, live.get(), options.fieldManager());
      if (changed.isEmpty()) {
        return new ChangeSet.Entry(manifest.ref(), release, Action.UNCHANGED, "");
      }
      Optional<String> held = holds.reason(manifest.ref());
      if (held.isPresent()) {
        return new ChangeSet.Entry(manifest.ref(), release, Action.SKIPPED, held.get());
      }
      body = changed.get();
    }
    GenericKubernetesResource object =
        serialization.convertValue(body, GenericKubernetesResource.class);
    Resource<GenericKubernetesResource> resource = client.resource(object);
    var apply = resource.fieldManager(options.fieldManager());
    (options.force() ? apply.forceConflicts() : apply).serverSideApply();
    return new ChangeSet.Entry(
        manifest.ref(), release, live.isEmpty() ? Action.CREATED : Action.CONFIGURED, "");
  }
}
