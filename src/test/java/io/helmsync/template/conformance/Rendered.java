package io.helmsync.template.conformance;

/**
 * What one engine made of a case: its output or its error message, exactly one of them non-null, so
 * that success and failure compare the same way.
 */
public record Rendered(String output, String error) {
  public Rendered {
    if ((output == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of output and error must be set");
    }
  }

  static Rendered ofOutput(String output) {
    return new Rendered(output, null);
  }

  static Rendered ofError(String error) {
    return new Rendered(null, error);
  }
}
