package io.helmsync.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.helmsync.apply.LiveObjects;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The live state of the managed objects, kept by one informer per kind that helmsync manages (label
 * selector {@code app.kubernetes.io/managed-by=helmsync,helmsync.io/environment=<env>} in the
 * agent's namespace), so that a reconcile reads nothing from the API server and a change by anyone
 * is seen at once. Memory grows with the managed objects, not with the cluster: informers start and
 * stop as the set of managed kinds changes. ConfigMaps are always watched, as the inventory
 * ConfigMap carries the {@code helmsync.io/suspend} annotation.
 *
 * <p>An object whose kind is not watched yet (its first apply), that is cluster-scoped or in
 * another namespace, or whose informer has not synced, is read with a GET.
 */
public final class ManagedObjectCache implements LiveObjects, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ManagedObjectCache.class);
  static final String CONFIG_MAPS = "v1/ConfigMap";

  /** Told about every change to a watched object. */
  public interface Listener {
    void changed(ObjectRef ref, Map<String, Object> live);

    void deleted(ObjectRef ref);
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String environment;
  private final LiveObjects fallback;
  private final Listener listener;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final Set<String> unwatchable = ConcurrentHashMap.newKeySet();

  public ManagedObjectCache(
      KubernetesClient client, String namespace, String environment, Listener listener) {
    this.client = client;
    this.namespace = namespace;
    this.environment = environment;
    this.fallback = LiveObjects.reading(client);
    this.listener = listener;
  }

  /**
   * Watches exactly the kinds of {@code refs} that live in the agent's namespace (and ConfigMaps):
   * starts informers for new kinds, stops those for kinds no longer managed.
   */
  public synchronized void watchKindsOf(Collection<ObjectRef> refs) {
    Set<String> kinds = new TreeSet<>();
    kinds.add(CONFIG_MAPS);
    refs.stream()
        .filter(ref -> ref.namespace().equals(namespace))
        .map(ManagedObjectCache::kindOf)
        .forEach(kinds::add);
    informers.keySet().stream()
        .filter(kind -> !kinds.contains(kind))
        .toList()
        .forEach(
            kind -> {
              informers.remove(kind).stop();
              LOG.infof("stopped watching %s: no longer managed", kind);
            });
    kinds.stream().filter(kind -> !informers.containsKey(kind)).forEach(this::inform);
  }

  /**
   * Starts an informer and waits for its first list. A kind that cannot be listed (a Role without
   * list and watch on it) is read with GETs instead, and said once, so the agent keeps working.
   */
  private void inform(String kind) {
    int slash = kind.lastIndexOf('/');
    try {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(kind.substring(0, slash), kind.substring(slash + 1))
              .inNamespace(namespace)
              .withLabel(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE)
              .withLabel(Ownership.ENVIRONMENT, environment)
              .inform(new Handler(kind.substring(0, slash), kind.substring(slash + 1)), 0);
      informers.put(kind, informer);
      LOG.infof("watching %s in namespace %s", kind, namespace);
    } catch (KubernetesClientException e) {
      if (unwatchable.add(kind)) {
        LOG.warnf(
            "cannot watch %s in namespace %s (%s): reading these objects with GET and not"
                + " seeing their drift; grant list and watch on them to the agent's Role (deploy/rbac.yaml)",
            kind, namespace, e.getMessage());
      }
    }
  }

  /** The kinds with a running informer, as {@code apiVersion/Kind}. */
  public Set<String> watchedKinds() {
    return new TreeSet<>(informers.keySet());
  }

  @Override
  public Optional<Map<String, Object>> get(ObjectRef ref) {
    SharedIndexInformer<GenericKubernetesResource> informer =
        ref.namespace().equals(namespace) ? informers.get(kindOf(ref)) : null;
    if (informer == null || !informer.hasSynced()) {
      return fallback.get(ref);
    }
    GenericKubernetesResource live = informer.getStore().getByKey(namespace + "/" + ref.name());
    return Optional.ofNullable(live).map(object -> withType(asMap(object), ref));
  }

  /**
   * The annotations of {@code ref} (the inventory ConfigMap, whose {@code helmsync.io/suspend} is
   * read on every reconcile), empty when it does not exist.
   */
  public Map<String, String> annotationsOf(ObjectRef ref) {
    return get(ref).map(ManagedObjectCache::annotations).orElse(Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> annotations(Map<String, Object> object) {
    return object.get("metadata") instanceof Map<?, ?> metadata
            && metadata.get("annotations") instanceof Map<?, ?> annotations
        ? (Map<String, String>) annotations
        : Map.of();
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
  }

  static String kindOf(ObjectRef ref) {
    return ref.apiVersion() + "/" + ref.kind();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource resource) {
    return client.getKubernetesSerialization().convertValue(resource, Map.class);
  }

  /**
   * Items of a list answer carry no apiVersion and kind on a real API server; the cache knows them.
   */
  private static Map<String, Object> withType(Map<String, Object> object, ObjectRef ref) {
    object.putIfAbsent("apiVersion", ref.apiVersion());
    object.putIfAbsent("kind", ref.kind());
    return object;
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final String apiVersion;
    private final String kind;

    Handler(String apiVersion, String kind) {
      this.apiVersion = apiVersion;
      this.kind = kind;
    }

    private ObjectRef refOf(GenericKubernetesResource object) {
      return new ObjectRef(apiVersion, kind, namespace, object.getMetadata().getName());
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      // Objects appear by helmsync's own applies, or when listed: neither is drift.
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      if (!java.util.Objects.equals(
          before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
        ObjectRef ref = refOf(after);
        listener.changed(ref, withType(asMap(after), ref));
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      listener.deleted(refOf(object));
    }
  }
}
