package io.helmsync.web;

import java.util.List;

/**
 * What a delivery says happened.
 *
 * @param kind push, ping, or anything else
 * @param refs for a push, the pushed refs; empty means "some ref" (generic deliveries)
 * @param name the provider's event name, for messages about ignored events
 */
record PushEvent(Kind kind, List<String> refs, String name) {
  enum Kind {
    PUSH,
    PING,
    OTHER
  }

  PushEvent {
    refs = List.copyOf(refs);
  }

  static PushEvent push(List<String> refs) {
    return new PushEvent(Kind.PUSH, refs, "push");
  }

  static PushEvent ping() {
    return new PushEvent(Kind.PING, List.of(), "ping");
  }

  static PushEvent other(String name) {
    return new PushEvent(Kind.OTHER, List.of(), String.valueOf(name));
  }

  /** True when the push touched {@code trackedRef} (a branch or tag name, or a full ref). */
  boolean touches(String trackedRef) {
    return refs.isEmpty()
        || refs.stream()
            .anyMatch(
                ref ->
                    ref.equals(trackedRef)
                        || ref.equals("refs/heads/" + trackedRef)
                        || ref.equals("refs/tags/" + trackedRef));
  }
}
