package io.helmsync.apply;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;

/** Turns API server errors into messages about the object, and into the right {@code Reason}. */
public final class ApiErrors {
  private ApiErrors() {}

  /** {@code (HTTP 403): <the server's message>}, or the client's message without a response. */
  public static String describe(KubernetesClientException e) {
    String reason =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return (e.getCode() > 0 ? "(HTTP " + e.getCode() + "): " : ": ") + reason;
  }

  /**
   * The API server refusing the object (invalid, forbidden, conflicting) needs a person: STALLED.
   * Anything else (server errors, throttling, no connection) may pass on its own: TRANSIENT.
   */
  public static ReconcileException failure(
      ObjectRef ref, String operation, KubernetesClientException e) {
    String message = ref + ": " + operation + " failed " + describe(e);
    return userError(e.getCode())
        ? ReconcileException.stalled(message, e)
        : ReconcileException.transientError(message, e);
  }

  /** A 4xx other than timeout and throttling: the request itself is refused. */
  public static boolean userError(int code) {
    return code >= 400 && code < 500 && code != 408 && code != 429;
  }
}
