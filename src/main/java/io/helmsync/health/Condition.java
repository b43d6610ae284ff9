package io.helmsync.health;

/**
 * One entry of {@code status.conditions}, the convention most controllers use to report state.
 *
 * @param type e.g. {@code Ready}, {@code Progressing}
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason a CamelCase machine reason, may be empty
 * @param message a human explanation, may be empty
 */
record Condition(String type, String status, String reason, String message) {

  boolean isTrue() {
    return "True".equals(status);
  }

  boolean isFalse() {
    return "False".equals(status);
  }

  /** The message, or the reason when the controller left the message out. */
  String explanation() {
    return message.isEmpty() ? reason : message;
  }
}
