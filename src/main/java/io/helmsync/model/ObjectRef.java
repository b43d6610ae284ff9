package io.helmsync.model;

import java.util.Objects;

/**
 * Identifies one Kubernetes object. The inventory id follows Flux's {@code
 * <namespace>_<name>_<group>_<kind>} so that inventories stay readable and comparable across tools;
 * the API version is kept beside it because deleting an object needs it.
 *
 * @param apiVersion e.g. {@code apps/v1} or {@code v1}
 * @param kind e.g. {@code Deployment}
 * @param namespace empty for cluster-scoped objects
 * @param name object name
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ObjectRef> {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
  }

  /** The API group: empty for the core group ({@code v1}). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The version part of {@link #apiVersion()}. */
  public String version() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
  }

  /** Flux-style inventory id: {@code <namespace>_<name>_<group>_<kind>}. */
  public String id() {
    return namespace + "_" + name + "_" + group() + "_" + kind;
  }

  /**
   * Parses an inventory id and its version back into a reference.
   *
   * @throws IllegalArgumentException if the id does not have four parts
   */
  public static ObjectRef fromId(String id, String version) {
    String[] parts = id.split("_", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "inventory id '" + id + "' is not <namespace>_<name>_<group>_<kind>");
    }
    String apiVersion = parts[2].isEmpty() ? version : parts[2] + "/" + version;
    return new ObjectRef(apiVersion, parts[3], parts[0], parts[1]);
  }

  /**
   * {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped: how messages name
   * objects.
   */
  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  @Override
  public int compareTo(ObjectRef other) {
    return id().compareTo(other.id());
  }
}
