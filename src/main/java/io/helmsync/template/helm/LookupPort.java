package io.helmsync.template.helm;

import java.util.Map;

/**
 * What Helm's {@code lookup} function reads: the live cluster in the agent (so charts that look up
 * an existing Secret keep its value), nothing when rendering offline.
 */
@FunctionalInterface
public interface LookupPort {
  /** Offline rendering: every lookup finds nothing, as {@code helm template} does. */
  LookupPort OFFLINE = (apiVersion, kind, namespace, name) -> Map.of();

  /**
   * One object as a map when {@code name} is given, or a {@code List} kind with {@code items} when
   * it is empty; an empty map when there is none.
   */
  Map<String, Object> lookup(String apiVersion, String kind, String namespace, String name);
}
