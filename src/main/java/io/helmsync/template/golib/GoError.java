package io.helmsync.template.golib;

/**
 * The error a template function returns; the executor reports it as Go does: {@code error calling
 * NAME: MESSAGE} at the calling action.
 */
public class GoError extends RuntimeException {
  public GoError(String message) {
    super(message, null, false, false);
  }

  public GoError(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
