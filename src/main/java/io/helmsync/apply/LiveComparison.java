package io.helmsync.apply;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Decides whether the live object already holds what helmsync would apply, so that unchanged
 * objects are not sent at all (as Flux's ssa package does, to avoid bumping resource versions and
 * waking every controller that watches them).
 *
 * <p>The desired object matches when each of its fields is in the live object with an equal value
 * (fields the server added, such as defaults and status, are ignored; lists must have the same
 * length) and when every field helmsync applied last time is still desired (otherwise the apply
 * must be sent so the server drops it). The {@code helmsync.io/revision} annotation is left out:
 * an object that did not change in a new commit is not rewritten just to record the commit, so the
 * annotation tells when the object last changed.
 */
final class LiveComparison {
  private LiveComparison() {}

  static boolean matches(Map<String, Object> desired, Map<String, Object> live, String fieldManager) {
    return containedIn(withoutRevision(desired), live)
        && ManagedFieldsV1.stillDesired(live, fieldManager, desired);
  }

  private static Map<String, Object> withoutRevision(Map<String, Object> desired) {
    if (!(desired.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("annotations") instanceof Map<?, ?> annotations)
        || !annotations.containsKey(Ownership.REVISION)) {
      return desired;
    }
    Map<String, Object> trimmedAnnotations = new java.util.LinkedHashMap<>();
    annotations.forEach((k, v) -> trimmedAnnotations.put(k.toString(), v));
    trimmedAnnotations.remove(Ownership.REVISION);
    Map<String, Object> trimmedMetadata = new java.util.LinkedHashMap<>();
    metadata.forEach((k, v) -> trimmedMetadata.put(k.toString(), v));
    trimmedMetadata.put("annotations", trimmedAnnotations);
    Map<String, Object> trimmed = new java.util.LinkedHashMap<>(desired);
    trimmed.put("metadata", trimmedMetadata);
    return trimmed;
  }

  static boolean containedIn(Object desired, Object live) {
    if (desired instanceof Map<?, ?> desiredMap) {
      if (!(live instanceof Map<?, ?> liveMap)) {
        return desiredMap.isEmpty() && live == null;
      }
      return desiredMap.entrySet().stream()
          .allMatch(e -> containedIn(e.getValue(), liveMap.get(e.getKey())));
    }
    if (desired instanceof List<?> desiredList) {
      if (!(live instanceof List<?> liveList) || liveList.size() != desiredList.size()) {
        return desiredList.isEmpty() && live == null;
      }
      for (int i = 0; i < desiredList.size(); i++) {
        if (!containedIn(desiredList.get(i), liveList.get(i))) {
          return false;
        }
      }
      return true;
    }
    return scalarEquals(desired, live);
  }

  /** YAML and JSON give the same number different Java types (Integer, Long, Double). */
  private static boolean scalarEquals(Object desired, Object live) {
    if (desired instanceof Number a && live instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return desired == null ? live == null : desired.equals(live);
  }
}
