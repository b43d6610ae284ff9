package io.helmsync.apply;

import io.helmsync.model.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether the live object already holds what helmsync would apply, so that unchanged
 * objects are not sent at all (as Flux's ssa package does, to avoid bumping resource versions and
 * waking every controller that watches them), and names the fields that differ when it does not
 * (drift is reported by field path).
 *
 * <p>The desired object matches when each of its fields is in the live object with an equal value
 * after normalisation (see {@link FieldValues}; fields the server added, such as defaults and
 * status, are ignored; lists must have the same length) and when every field helmsync applied last
 * time is still desired (otherwise the apply must be sent so the server drops it). The {@code
 * helmsync.io/revision} annotation is left out: an object that did not change in a new commit is
 * not rewritten just to record the commit, so the annotation tells when the object last changed.
 */
public final class LiveComparison {
  private static final List<String> SERVER_METADATA =
      List.of(
          "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink");

  private LiveComparison() {}

  /**
   * True when {@code live} holds {@code desired} outside the {@code ignored} paths (see {@link
   * DriftPolicy}) and every field {@code fieldManager} applied last time is still desired.
   */
  public static boolean matches(
      Map<String, Object> desired,
      Map<String, Object> live,
      String fieldManager,
      List<String> ignored) {
    return differences(desired, live, ignored).isEmpty()
        && ManagedFieldsV1.stillDesired(live, fieldManager, desired);
  }

  /**
   * The dotted paths of desired fields whose live value differs ({@code data.level}, {@code
   * spec.template.spec.containers[0].image}), without the revision annotation and {@code ignored}
   * paths. Names fields only, never values, so it may be shown for a Secret.
   */
  public static List<String> differences(
      Map<String, Object> desired, Map<String, Object> live, List<String> ignored) {
    List<String> paths = new ArrayList<>();
    collect(Ownership.withoutRevision(desired), live, "", "", "", paths);
    paths.removeIf(path -> DriftPolicy.covers(ignored, path));
    return paths;
  }

  private static void collect(
      Object desired, Object live, String path, String parent, String field, List<String> out) {
    if (desired instanceof Map<?, ?> desiredMap) {
      if (!(live instanceof Map<?, ?> liveMap)) {
        if (!desiredMap.isEmpty() || live != null) {
          out.add(path);
        }
        return;
      }
      desiredMap.forEach(
          (key, value) ->
              collect(
                  value,
                  liveMap.get(key),
                  path.isEmpty() ? key.toString() : path + "." + key,
                  field,
                  key.toString(),
                  out));
      return;
    }
    if (desired instanceof List<?> desiredList) {
      if (!(live instanceof List<?> liveList) || liveList.size() != desiredList.size()) {
        if (!desiredList.isEmpty() || live != null) {
          out.add(path);
        }
        return;
      }
      for (int i = 0; i < desiredList.size(); i++) {
        collect(desiredList.get(i), liveList.get(i), path + "[" + i + "]", parent, field, out);
      }
      return;
    }
    if (!FieldValues.equal(parent, field, desired, live)) {
      out.add(path);
    }
  }

  /**
   * A copy of {@code object} without what the API server writes itself ({@code status}, managed
   * fields, resource version, generation, uid, creation time, self link), so that an object the
   * server answered compares and shows by what was declared and defaulted.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> withoutServerFields(Map<String, Object> object) {
    Map<String, Object> copy = new LinkedHashMap<>(object);
    copy.remove("status");
    if (copy.get("metadata") instanceof Map<?, ?> metadata) {
      Map<String, Object> trimmed = new LinkedHashMap<>((Map<String, Object>) metadata);
      SERVER_METADATA.forEach(trimmed::remove);
      copy.put("metadata", trimmed);
    }
    return copy;
  }

  /**
   * A copy of {@code desired} without the map fields at {@code paths} (paths into lists are kept),
   * for an apply that must leave those fields to the manager that owns them.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> without(Map<String, Object> desired, List<String> paths) {
    Map<String, Object> copy = deepCopy(desired);
    for (String path : paths) {
      if (path.contains("[")) {
        continue;
      }
      String[] keys = path.split("\\.");
      Map<String, Object> node = copy;
      for (int i = 0; i < keys.length - 1 && node != null; i++) {
        node = node.get(keys[i]) instanceof Map<?, ?> child ? (Map<String, Object>) child : null;
      }
      if (node != null) {
        node.remove(keys[keys.length - 1]);
      }
    }
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach(
        (key, value) ->
            copy.put(
                key,
                value instanceof Map<?, ?> nested
                    ? deepCopy((Map<String, Object>) nested)
                    : value));
    return copy;
  }
}
