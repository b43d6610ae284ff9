package io.helmsync.model;

import java.time.Instant;
import java.util.Locale;

/** What asked for a reconcile, and when. */
public record Trigger(Cause cause, Instant at) {

  /** The closed set of reconcile causes. */
  public enum Cause {
    POLL,
    WEBHOOK,
    DRIFT,
    SECRET_ROTATION,
    MANUAL;

    /** Kebab-case name, as shown to users ({@code secret-rotation}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static Trigger of(Cause cause) {
    return new Trigger(cause, Instant.now());
  }
}
