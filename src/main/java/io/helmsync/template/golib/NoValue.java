package io.helmsync.template.golib;

/**
 * Go's invalid {@code reflect.Value}: what a missing map key yields under {@code
 * missingkey=default}, and what a nil pipeline result becomes. It prints as {@code <no value>},
 * unlike a nil interface (Java {@code null}) which prints {@code <nil>} and fails field access with
 * "nil pointer".
 */
public enum NoValue {
  NO_VALUE;

  @Override
  public String toString() {
    return "<no value>";
  }
}
