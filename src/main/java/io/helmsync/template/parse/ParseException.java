package io.helmsync.template.parse;

/**
 * A template text that does not parse, with Go's message ({@code template: NAME:LINE: DETAIL}) and
 * its parts, so that callers can point at the line without reading the message back.
 */
public class ParseException extends RuntimeException {
  private final String name;
  private final int line;
  private final int actionLine;
  private final String detail;

  /**
   * @param name the name of the text that failed to parse, as Go reports it
   * @param line the line Go reports: the furthest token read, so the end of the text for an
   *     unclosed action
   * @param actionLine the line where the unclosed action began, or {@code line} when the error is
   *     not about an unclosed action
   * @param detail Go's message without the {@code template: NAME:LINE: } prefix
   */
  public ParseException(String name, int line, int actionLine, String detail) {
    super("template: " + name + ":" + line + ": " + detail);
    this.name = name;
    this.line = line;
    this.actionLine = actionLine;
    this.detail = detail;
  }

  public String name() {
    return name;
  }

  public int line() {
    return line;
  }

  /** Where the offending action began, which is the line to show the reader. */
  public int actionLine() {
    return actionLine;
  }

  public String detail() {
    return detail;
  }
}
