package io.helmsync.observe;

import io.helmsync.model.ObjectRef;

/**
 * Where the agent reports what happened, for people running {@code kubectl describe} or {@code
 * kubectl get events}: on the environment's inventory ConfigMap (sync started, succeeded or failed,
 * release degraded or recovered, prune refused) and on a managed object (drift corrected). Messages
 * are written for people and never carry a secret value.
 */
public interface EventSink {

  /** Kubernetes Event types. */
  enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String value;

    Type(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  /** An Event about the environment as a whole, on its inventory ConfigMap. */
  void environment(Type type, String reason, String message);

  /** An Event about one managed object. */
  void object(ObjectRef object, Type type, String reason, String message);

  /** Reports nothing: for the CLI's one-shot commands and for tests that do not look at Events. */
  EventSink NONE =
      new EventSink() {
        @Override
        public void environment(Type type, String reason, String message) {}

        @Override
        public void object(ObjectRef object, Type type, String reason, String message) {}
      };
}
