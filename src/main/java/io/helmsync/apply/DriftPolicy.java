package io.helmsync.apply;

import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which differences between Git and the cluster helmsync leaves alone: fields listed per kind
 * ({@code HELMSYNC_DRIFT_IGNORE=apps/v1/Deployment:spec.replicas}, for a Deployment scaled by an
 * HPA) and, on an object annotated {@code helmsync.io/drift: ignore}, every field another manager
 * has taken over. Such fields are neither reported as drift nor sent back by an apply, so helmsync
 * does not fight whoever owns them; it still sets them when it creates the object.
 *
 * @param ignoredPaths dotted field paths by {@code apiVersion/Kind} ({@code v1/ConfigMap})
 */
public record DriftPolicy(Map<String, List<String>> ignoredPaths) {
  public DriftPolicy {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    ignoredPaths.forEach((type, paths) -> copy.put(type, List.copyOf(paths)));
    ignoredPaths = Map.copyOf(copy);
  }

  public static DriftPolicy none() {
    return new DriftPolicy(Map.of());
  }

  /**
   * Reads entries {@code apiVersion/Kind:dotted.path}, as in {@code HELMSYNC_DRIFT_IGNORE}.
   *
   * @throws IllegalArgumentException naming the entry that is not of that form
   */
  public static DriftPolicy parse(List<String> entries) {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    for (String entry : entries) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.lastIndexOf(':');
      String type = colon < 0 ? "" : trimmed.substring(0, colon);
      String path = colon < 0 ? "" : trimmed.substring(colon + 1);
      if (!type.contains("/") || path.isEmpty() || path.startsWith(".") || path.endsWith(".")) {
        throw new IllegalArgumentException(
            "HELMSYNC_DRIFT_IGNORE entry '"
                + trimmed
                + "' is not"
                + " apiVersion/Kind:dotted.field.path, e.g. apps/v1/Deployment:spec.replicas");
      }
      paths.computeIfAbsent(type, t -> new java.util.ArrayList<>()).add(path);
    }
    return new DriftPolicy(paths);
  }

  /** The paths ignored on {@code ref}'s kind, whatever the object. */
  public List<String> pathsFor(ObjectRef ref) {
    return ignoredPaths.getOrDefault(ref.apiVersion() + "/" + ref.kind(), List.of());
  }

  /**
   * The paths ignored on this live object: its kind's, plus, when it is annotated {@code
   * helmsync.io/drift: ignore}, the fields that managers other than {@code fieldManager} own.
   */
  public List<String> pathsFor(ObjectRef ref, Map<String, Object> live, String fieldManager) {
    if (!annotatedIgnore(live)) {
      return pathsFor(ref);
    }
    List<String> paths = new java.util.ArrayList<>(pathsFor(ref));
    ManagedFieldsV1.owners(live)
        .forEach(
            (manager, owned) -> {
              if (!manager.equals(fieldManager)) {
                paths.addAll(owned);
              }
            });
    return paths;
  }

  /**
   * What an apply of {@code desired} sends over {@code live}: nothing when {@code live} already
   * holds it outside the paths this policy ignores there (see {@link LiveComparison#matches});
   * otherwise {@code desired} without the ignored fields another manager owns, so that they stay as
   * that manager set them (an ignored field only helmsync owns is still sent, or the server would
   * drop it). The applier and {@code diff} both ask this, so that {@code diff} shows a change
   * exactly when a sync writes one.
   */
  public Optional<Map<String, Object>> toApply(
      ObjectRef ref, Map<String, Object> desired, Map<String, Object> live, String fieldManager) {
    List<String> ignored = pathsFor(ref, live, fieldManager);
    if (LiveComparison.matches(desired, live, fieldManager, ignored)) {
      return Optional.empty();
    }
    return Optional.of(LiveComparison.without(desired, ownedByOthers(live, ignored, fieldManager)));
  }

  private static List<String> ownedByOthers(
      Map<String, Object> live, List<String> ignored, String fieldManager) {
    if (ignored.isEmpty()) {
      return List.of();
    }
    List<String> others = new ArrayList<>();
    ManagedFieldsV1.owners(live)
        .forEach(
            (manager, owned) -> {
              if (!manager.equals(fieldManager)) {
                owned.stream().filter(field -> covers(ignored, field)).forEach(others::add);
              }
            });
    return others;
  }

  /** True when the live object carries {@code helmsync.io/drift: ignore}. */
  public static boolean annotatedIgnore(Map<String, Object> live) {
    return live.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations
        && Ownership.IGNORE.equals(annotations.get(Ownership.DRIFT));
  }

  /** True when {@code path} is one of {@code ignored} or lies under one. */
  static boolean covers(List<String> ignored, String path) {
    return ignored.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "["));
  }
}
