package io.helmsync.template.parse;

import io.helmsync.template.golib.GoQuote;

/** One lexical item of a template, with its offset (in chars) and line for error messages. */
record Token(Type type, String text, int pos, int line) {
  enum Type {
    TEXT,
    LEFT_DELIM,
    RIGHT_DELIM,
    SPACE,
    IDENTIFIER,
    FIELD,
    VARIABLE,
    STRING,
    RAW_STRING,
    CHAR_CONSTANT,
    NUMBER,
    BOOL,
    DOT,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    DECLARE,
    ASSIGN,
    CHAR,
    ERROR,
    EOF,
    // Keywords; Go prints them as <word>.
    BLOCK,
    BREAK,
    CONTINUE,
    DEFINE,
    ELSE,
    END,
    IF,
    NIL,
    RANGE,
    TEMPLATE,
    WITH;

    boolean isKeyword() {
      return ordinal() >= BLOCK.ordinal();
    }
  }

  /** The token as Go's parser names it in "unexpected X in Y" messages. */
  @Override
  public String toString() {
    if (type == Type.EOF) {
      return "EOF";
    }
    if (type == Type.ERROR) {
      return text;
    }
    if (type.isKeyword()) {
      return "<" + text + ">";
    }
    if (text.codePointCount(0, text.length()) > 10) {
      return GoQuote.quote(text.substring(0, text.offsetByCodePoints(0, 10))) + "...";
    }
    return GoQuote.quote(text);
  }
}
