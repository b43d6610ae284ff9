package io.helmsync.reconcile;

import org.jboss.logging.MDC;

/**
 * The structured fields of helmsync's log lines (MDC keys; the JSON log format of the cluster
 * prints them under {@code mdc}): which environment, revision and stage a line is about, and the
 * release and object when it is about one. Set by the reconcile while it runs and cleared after, so
 * a line logged outside a reconcile carries none.
 */
public final class LogFields {
  public static final String ENVIRONMENT = "environment";
  public static final String REVISION = "revision";

  /** fetch, load, render, apply, record. */
  public static final String STAGE = "stage";

  public static final String TRIGGER = "trigger";
  public static final String RELEASE = "release";
  public static final String OBJECT = "object";

  private LogFields() {}

  /** Removes every field, at the end of a reconcile or of recording its result. */
  public static void clear() {
    for (String key : new String[] {ENVIRONMENT, REVISION, STAGE, TRIGGER, RELEASE, OBJECT}) {
      MDC.remove(key);
    }
  }
}
