package io.helmsync.model;

import java.util.Objects;

/**
 * The one exception a pipeline stage throws. Its {@link Reason} decides status, metrics and requeue
 * in exactly one place (the reconciler); its message is written for the person who must act and
 * never contains a secret value.
 */
public class ReconcileException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Reason reason;

  public ReconcileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public static ReconcileException stalled(String message) {
    return new ReconcileException(Reason.STALLED, message, null);
  }

  public static ReconcileException stalled(String message, Throwable cause) {
    return new ReconcileException(Reason.STALLED, message, cause);
  }

  public static ReconcileException transientError(String message, Throwable cause) {
    return new ReconcileException(Reason.TRANSIENT, message, cause);
  }

  public Reason reason() {
    return reason;
  }
}
