package io.helmsync.template;

/**
 * A parse or execution error, with Go's message ({@code template: NAME:LINE:COL: ...}) so that
 * errors read the same as Helm's and helmfile's.
 */
public class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
