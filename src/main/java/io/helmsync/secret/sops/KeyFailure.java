package io.helmsync.secret.sops;

/**
 * Why one master key did not give the data key, for the error that lists every key tried; {@code
 * retryable} when asking again later may succeed (KMS throttled or unreachable).
 */
final class KeyFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  KeyFailure(String reason, boolean retryable) {
    super(reason, null, false, false);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
