package io.helmsync.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The labels and annotations by which helmsync recognises its objects, and what users set to opt
 * out. Pruning deletes only objects that carry these labels for the same environment, so an object
 * someone else created is never deleted, even if its name collides.
 */
public final class Ownership {
  /** The field manager of every server-side apply, so that fields Git drops are removed. */
  public static final String FIELD_MANAGER = "helmsync";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "helmsync";
  public static final String ENVIRONMENT = "helmsync.io/environment";
  public static final String RELEASE = "helmsync.io/release";
  public static final String REVISION = "helmsync.io/revision";
  public static final String PRUNE = "helmsync.io/prune";
  public static final String DISABLED = "disabled";

  /** Annotation on a managed object: {@code ignore} leaves other managers' changes alone. */
  public static final String DRIFT = "helmsync.io/drift";

  public static final String IGNORE = "ignore";

  /** Annotation on the inventory ConfigMap: {@code "true"} stops applying and pruning. */
  public static final String SUSPEND = "helmsync.io/suspend";

  /**
   * Kinds without a namespace. Helm and helmfile ask discovery; until rendering has discovery, this
   * list of the built-in ones keeps a namespace off objects that cannot have one.
   */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "StorageClass",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "PriorityClass",
          "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration",
          "APIService",
          "IngressClass",
          "RuntimeClass",
          "CSIDriver",
          "CSINode",
          "VolumeAttachment",
          "CertificateSigningRequest",
          "ComponentStatus",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding");

  private Ownership() {}

  public static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }

  /**
   * A copy of {@code manifest} labelled as helmsync's, with the release namespace set when the kind
   * is namespaced and the manifest gives none.
   */
  public static Manifest label(
      Manifest manifest, String environment, String release, String namespace, String revision) {
    ObjectRef ref = manifest.ref();
    Map<String, Object> body = new LinkedHashMap<>(manifest.body());
    Map<String, Object> metadata = mutable(body.get("metadata"));
    Map<String, Object> labels = mutable(metadata.get("labels"));
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    labels.put(ENVIRONMENT, environment);
    labels.put(RELEASE, release);
    metadata.put("labels", labels);
    Map<String, Object> annotations = mutable(metadata.get("annotations"));
    annotations.put(REVISION, revision);
    metadata.put("annotations", annotations);
    String objectNamespace = ref.namespace();
    if (objectNamespace.isEmpty() && !isClusterScoped(ref.kind())) {
      objectNamespace = namespace;
      metadata.put("namespace", namespace);
    }
    body.put("metadata", metadata);
    ObjectRef owned = new ObjectRef(ref.apiVersion(), ref.kind(), objectNamespace, ref.name());
    return new Manifest(owned, body, manifest.source());
  }

  /** A copy of {@code manifest} annotated {@code helmsync.io/prune: disabled}. */
  public static Manifest neverPruned(Manifest manifest) {
    Map<String, Object> body = new LinkedHashMap<>(manifest.body());
    Map<String, Object> metadata = mutable(body.get("metadata"));
    Map<String, Object> annotations = mutable(metadata.get("annotations"));
    annotations.put(PRUNE, DISABLED);
    metadata.put("annotations", annotations);
    body.put("metadata", metadata);
    return new Manifest(manifest.ref(), body, manifest.source());
  }

  /** True when the labels say helmsync manages the object for {@code environment}. */
  public static boolean ownedBy(Map<String, String> labels, String environment) {
    return labels != null
        && MANAGED_BY_VALUE.equals(labels.get(MANAGED_BY))
        && environment.equals(labels.get(ENVIRONMENT));
  }

  /**
   * {@code object} without helmsync's revision annotation: what stays the same when only the commit
   * changed, for comparing with live objects and for release checksums.
   */
  public static Map<String, Object> withoutRevision(Map<String, Object> desired) {
    if (!(desired.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("annotations") instanceof Map<?, ?> annotations)
        || !annotations.containsKey(Ownership.REVISION)) {
      return desired;
    }
    Map<String, Object> trimmedAnnotations = new LinkedHashMap<>();
    annotations.forEach((k, v) -> trimmedAnnotations.put(k.toString(), v));
    trimmedAnnotations.remove(Ownership.REVISION);
    Map<String, Object> trimmedMetadata = new LinkedHashMap<>();
    metadata.forEach((k, v) -> trimmedMetadata.put(k.toString(), v));
    trimmedMetadata.put("annotations", trimmedAnnotations);
    Map<String, Object> trimmed = new LinkedHashMap<>(desired);
    trimmed.put("metadata", trimmedMetadata);
    return trimmed;
  }

  private static Map<String, Object> mutable(Object map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (map instanceof Map<?, ?> source) {
      source.forEach((key, value) -> copy.put(key.toString(), value));
    }
    return copy;
  }
}
