package io.helmsync.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Helm hook: an object annotated {@code helm.sh/hook}, run by Helm at the named events rather
 * than installed with the release.
 *
 * @param manifest the object
 * @param events {@code helm.sh/hook}, e.g. {@code [pre-install, pre-upgrade]}
 * @param weight {@code helm.sh/hook-weight}: lower runs first; 0 when absent or not an integer
 * @param deletePolicies {@code helm.sh/hook-delete-policy}; Helm's default {@code
 *     before-hook-creation} when absent
 */
public record Hook(
    Manifest manifest, List<String> events, int weight, List<String> deletePolicies) {
  public static final String ANNOTATION = "helm.sh/hook";
  private static final String WEIGHT = "helm.sh/hook-weight";
  private static final String DELETE_POLICY = "helm.sh/hook-delete-policy";
  private static final String DEFAULT_DELETE_POLICY = "before-hook-creation";

  public Hook {
    events = List.copyOf(events);
    deletePolicies = List.copyOf(deletePolicies);
  }

  public static boolean isHook(Manifest object) {
    return annotations(object).containsKey(ANNOTATION);
  }

  public static Hook of(Manifest object) {
    Map<?, ?> annotations = annotations(object);
    List<String> policies = list(annotations.get(DELETE_POLICY));
    return new Hook(
        object,
        list(annotations.get(ANNOTATION)),
        weight(annotations.get(WEIGHT)),
        policies.isEmpty() ? List.of(DEFAULT_DELETE_POLICY) : policies);
  }

  private static Map<?, ?> annotations(Manifest object) {
    return object.body().get("metadata") instanceof Map<?, ?> metadata
            && metadata.get("annotations") instanceof Map<?, ?> annotations
        ? annotations
        : Map.of();
  }

  private static List<String> list(Object annotation) {
    return annotation == null
        ? List.of()
        : Arrays.stream(String.valueOf(annotation).split(","))
            .map(value -> value.strip().toLowerCase(java.util.Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();
  }

  /** Helm's {@code strconv.Atoi}: anything but a plain integer weighs 0. */
  private static int weight(Object annotation) {
    try {
      return annotation == null ? 0 : Integer.parseInt(String.valueOf(annotation));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
