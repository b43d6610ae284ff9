package io.helmsync.template;

import java.util.Optional;

/**
 * A parse or execution error, with Go's message ({@code template: NAME:LINE:COL: ...}) so that
 * errors read the same as Helm's and helmfile's, and with that message's parts, so that callers
 * that reword it (Helm's {@code parse error at (FILE:LINE)}) or point at the line (helmfile) need
 * not read the message back.
 */
public class TemplateException extends RuntimeException {
  private final Location location;
  private final String context;
  private final String detail;
  private final int sourceLine;

  /** An error tied to no template text, e.g. executing a template that is not defined. */
  public TemplateException(String message) {
    this(message, null);
  }

  /** An error tied to no template text, with its cause. */
  public TemplateException(String message, Throwable cause) {
    super(message, cause);
    this.location = null;
    this.context = "";
    this.detail = message;
    this.sourceLine = 0;
  }

  /**
   * An error at a place in a template: {@code template: LOCATION: CONTEXT: DETAIL}.
   *
   * @param context what was running, e.g. {@code executing "t" at <.a.b>}; empty for none
   * @param sourceLine the line of the text to show the reader (where an unclosed action began),
   *     usually the location's line
   */
  public TemplateException(
      Location location, String context, String detail, int sourceLine, Throwable cause) {
    super(
        "template: " + location + ": " + (context.isEmpty() ? "" : context + ": ") + detail, cause);
    this.location = location;
    this.context = context;
    this.detail = detail;
    this.sourceLine = sourceLine;
  }

  /** Where in which template the error is; empty when it is tied to no template text. */
  public Optional<Location> location() {
    return Optional.ofNullable(location);
  }

  /** What was running, e.g. {@code executing "t" at <.a.b>}; empty for parse errors. */
  public String context() {
    return context;
  }

  /** The message without location and context, e.g. {@code function "x" not defined}. */
  public String detail() {
    return detail;
  }

  /**
   * The line of the template text the reader should look at: where an unclosed action began, or
   * else the line of the location; 0 when unknown.
   */
  public int sourceLine() {
    return sourceLine;
  }

  /**
   * A place in a template as Go prints it: {@code NAME}, {@code NAME:LINE} (parse errors) or {@code
   * NAME:LINE:COL} (execution errors, the column counted in bytes from 0).
   *
   * @param line the line from 1, or 0 when unknown
   * @param column the column from 0, or -1 when unknown
   */
  public record Location(String name, int line, int column) {
    @Override
    public String toString() {
      return name + (line > 0 ? ":" + line : "") + (line > 0 && column >= 0 ? ":" + column : "");
    }
  }
}
