package io.helmsync.cluster;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.helmsync.apply.ApiErrors;
import io.helmsync.model.ReconcileException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's {@code lookup} against the live cluster ({@code pkg/engine/lookup_func.go}): a namespaced
 * kind with a namespace is read in it, anything else cluster-wide; a name reads one object, no name
 * lists them as {@code <Kind>List} with {@code items}. Not found is an empty map, so that charts
 * can write {@code if not (lookup ...)}; any other failure fails the render, naming the object.
 *
 * <p>Objects come back as plain JSON maps (strings, booleans, {@code Long}, {@code Double}, lists,
 * maps), the form of Go's unstructured objects.
 */
public final class ClusterLookup {
  private final KubernetesClient client;
  private final ClusterDiscovery discovery;

  public ClusterLookup(KubernetesClient client, ClusterDiscovery discovery) {
    this.client = client;
    this.discovery = discovery;
  }

  /**
   * @param namespace empty for cluster-scoped kinds or every namespace
   * @param name empty to list
   * @throws ReconcileException when the server refuses or fails the read (403 names the RBAC verb
   *     the agent lacks), or does not serve {@code apiVersion}
   */
  public Map<String, Object> lookup(String apiVersion, String kind, String namespace, String name) {
    Optional<APIResource> resource;
    try {
      resource = discovery.resource(apiVersion, kind);
    } catch (ReconcileException e) {
      throw new ReconcileException(
          e.reason(),
          describe(kind, namespace, name)
              + ": lookup "
              + "(apiVersion "
              + apiVersion
              + ") failed: "
              + e.getMessage(),
          e);
    }
    if (resource.isEmpty()) {
      // Helm asks for an empty resource name then, which the API server does not find.
      return Map.of();
    }
    boolean namespaced =
        Boolean.TRUE.equals(resource.get().getNamespaced()) && !namespace.isEmpty();
    var objects = objects(apiVersion, kind, resource.get().getName(), namespaced);
    try {
      if (!name.isEmpty()) {
        GenericKubernetesResource object =
            namespaced
                ? objects.inNamespace(namespace).withName(name).get()
                : objects.withName(name).get();
        return object == null ? Map.of() : plain(object);
      }
      GenericKubernetesResourceList list =
          namespaced ? objects.inNamespace(namespace).list() : objects.list();
      return listed(apiVersion, kind, list);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Map.of();
      }
      throw failure(
          apiVersion, kind, namespaced ? namespace : "", name, resource.get().getName(), e);
    }
  }

  /** Helm's dynamic client: a namespaced kind without a namespace is read cluster-wide. */
  private MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      objects(String apiVersion, String kind, String plural, boolean namespaced) {
    int slash = apiVersion.indexOf('/');
    return client.genericKubernetesResources(
        new ResourceDefinitionContext.Builder()
            .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
            .withVersion(apiVersion.substring(slash + 1))
            .withKind(kind)
            .withPlural(plural)
            .withNamespaced(namespaced)
            .build());
  }

  /** Helm's list: the list's own fields, each item with the apiVersion and kind client-go adds. */
  private Map<String, Object> listed(
      String apiVersion, String kind, GenericKubernetesResourceList list) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", apiVersion);
    out.put("kind", kind + "List");
    ListMeta meta = list.getMetadata();
    out.put("metadata", meta == null ? Map.of() : plainValue(convert(meta)));
    List<Object> items = new ArrayList<>();
    for (GenericKubernetesResource item : list.getItems()) {
      Map<String, Object> object = plain(item);
      object.putIfAbsent("apiVersion", apiVersion);
      object.putIfAbsent("kind", kind);
      items.add(object);
    }
    out.put("items", items);
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> plain(GenericKubernetesResource object) {
    return (Map<String, Object>) plainValue(convert(object));
  }

  private Object convert(Object value) {
    return client.getKubernetesSerialization().convertValue(value, Map.class);
  }

  /** JSON values as Go decodes them into unstructured objects: integers int64, others float64. */
  private static Object plainValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach(
          (key, v) -> {
            if (v != null) {
              out.put(String.valueOf(key), plainValue(v));
            }
          });
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plainValue(v)));
      return out;
    }
    if (value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    return value;
  }

  /** {@code Kind/namespace/name}, {@code *} for a list, without namespace when cluster-wide. */
  private static String describe(String kind, String namespace, String name) {
    return kind
        + "/"
        + (namespace.isEmpty() ? "" : namespace + "/")
        + (name.isEmpty() ? "*" : name);
  }

  private static ReconcileException failure(
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String plural,
      KubernetesClientException e) {
    String verb = name.isEmpty() ? "list" : "get";
    String message =
        describe(kind, namespace, name)
            + ": lookup (apiVersion "
            + apiVersion
            + ") failed "
            + ApiErrors.describe(e);
    if (e.getCode() == 403) {
      message +=
          "; the agent's "
              + (namespace.isEmpty() ? "ClusterRole" : "Role")
              + " lacks `"
              + verb
              + "` on "
              + plural
              + (namespace.isEmpty() ? " cluster-wide" : " in " + namespace)
              + ": grant it, or remove the lookup from the chart";
    }
    return ApiErrors.userError(e.getCode())
        ? ReconcileException.stalled(message, e)
        : ReconcileException.transientError(message, e);
  }
}
