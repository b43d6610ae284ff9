package io.helmsync.template.parse;

import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.parse.Token.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a template into tokens the way Go's {@code text/template/parse} lexer does, including its
 * trim markers ({@code {{- } and {@code -}}}), comments and error messages. An error ends the token
 * list with an {@link Type#ERROR} token that the parser reports where it meets it.
 */
final class Lexer {
  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Map<String, Type> KEYWORDS =
      Map.ofEntries(
          Map.entry(".", Type.DOT),
          Map.entry("block", Type.BLOCK),
          Map.entry("break", Type.BREAK),
          Map.entry("continue", Type.CONTINUE),
          Map.entry("define", Type.DEFINE),
          Map.entry("else", Type.ELSE),
          Map.entry("end", Type.END),
          Map.entry("if", Type.IF),
          Map.entry("range", Type.RANGE),
          Map.entry("nil", Type.NIL),
          Map.entry("template", Type.TEMPLATE),
          Map.entry("with", Type.WITH));

  private final String input;
  private final List<Token> tokens = new ArrayList<>();
  private int start;
  private int pos;
  private int line = 1;
  private int startLine = 1;
  private int parenDepth;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> lex(String input) {
    Lexer lexer = new Lexer(input);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (true) {
      if (!lexText()) {
        return;
      }
      if (!lexAfterLeftDelim()) {
        return;
      }
    }
  }

  // ---- text and delimiters

  /** Emits text up to the next action; returns false at the end of input. */
  private boolean lexText() {
    int x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length();
      if (pos > start) {
        emit(Type.TEXT);
      }
      emit(Type.EOF);
      return false;
    }
    if (x > pos) {
      pos = x;
      int trim = hasLeftTrimMarker(x + LEFT.length()) ? rightTrimLength(start, pos) : 0;
      pos -= trim;
      if (pos > start) {
        emit(Type.TEXT);
      }
      pos += trim;
      ignore();
    }
    return true;
  }

  /** At a left delimiter: a comment or an action. Returns false after an error. */
  private boolean lexAfterLeftDelim() {
    pos += LEFT.length();
    boolean trim = hasLeftTrimMarker(pos);
    int afterMarker = trim ? 2 : 0;
    if (input.startsWith("/*", pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      return lexComment();
    }
    emit(Type.LEFT_DELIM);
    pos += afterMarker;
    ignore();
    parenDepth = 0;
    return lexInsideAction();
  }

  private boolean lexComment() {
    pos += 2;
    int x = input.indexOf("*/", pos);
    if (x < 0) {
      return error("unclosed comment");
    }
    pos = x + 2;
    int delim = atRightDelim();
    if (delim < 0) {
      return error("comment ends before closing delimiter");
    }
    skipRightDelim(delim == 1);
    return true;
  }

  /** 0: a plain right delimiter here, 1: one with a trim marker, -1: none. */
  private int atRightDelim() {
    if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
      return 1;
    }
    return input.startsWith(RIGHT, pos) ? 0 : -1;
  }

  private void skipRightDelim(boolean trim) {
    if (trim) {
      pos += 2;
    }
    pos += RIGHT.length();
    if (trim) {
      pos += leftTrimLength(pos);
    }
    ignore();
  }

  private void lexRightDelim(boolean trim) {
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length();
    emit(Type.RIGHT_DELIM);
    if (trim) {
      pos += leftTrimLength(pos);
      ignore();
    }
  }

  // ---- inside an action

  /** Lexes one action up to and including its right delimiter; false after an error. */
  private boolean lexInsideAction() {
    while (true) {
      int delim = atRightDelim();
      if (delim >= 0) {
        if (parenDepth == 0) {
          lexRightDelim(delim == 1);
          return true;
        }
        return error("unclosed left paren");
      }
      if (pos >= input.length()) {
        return error("unclosed action");
      }
      if (!lexActionItem()) {
        return false;
      }
    }
  }

  private boolean lexActionItem() {
    int r = next();
    switch (r) {
      case '=' -> emit(Type.ASSIGN);
      case ':' -> {
        if (next() != '=') {
          return error("expected :=");
        }
        emit(Type.DECLARE);
      }
      case '|' -> emit(Type.PIPE);
      case '"' -> {
        return lexQuote();
      }
      case '`' -> {
        return lexRawQuote();
      }
      case '$' -> {
        return lexFieldOrVariable(Type.VARIABLE);
      }
      case '\'' -> {
        return lexChar();
      }
      case '(' -> {
        emit(Type.LEFT_PAREN);
        parenDepth++;
      }
      case ')' -> {
        parenDepth--;
        if (parenDepth < 0) {
          return error("unexpected right paren");
        }
        emit(Type.RIGHT_PAREN);
      }
      default -> {
        return lexOther(r);
      }
    }
    return true;
  }

  private boolean lexOther(int r) {
    if (isSpace(r)) {
      backup(r);
      lexSpace();
      return true;
    }
    if (r == '.' && pos < input.length() && !isDigit(input.charAt(pos))) {
      return lexFieldOrVariable(Type.FIELD);
    }
    if (r == '.' || r == '+' || r == '-' || isDigit(r)) {
      backup(r);
      return lexNumber();
    }
    if (isAlphaNumeric(r)) {
      backup(r);
      return lexIdentifier();
    }
    if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
      emit(Type.CHAR);
      return true;
    }
    return error("unrecognized character in action: " + unicodeName(r));
  }

  private void lexSpace() {
    int spaces = 0;
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      pos++;
      spaces++;
    }
    // A space followed by "-}}" is the trim marker of the closing delimiter.
    if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
      pos--;
      if (spaces == 1) {
        return;
      }
    }
    emit(Type.SPACE);
  }

  private boolean lexIdentifier() {
    while (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
      pos += Character.charCount(input.codePointAt(pos));
    }
    if (!atTerminator()) {
      return error("bad character " + unicodeName(input.codePointAt(pos)));
    }
    String word = input.substring(start, pos);
    Type keyword = KEYWORDS.get(word);
    if (keyword != null) {
      emit(keyword);
    } else if (word.equals("true") || word.equals("false")) {
      emit(Type.BOOL);
    } else {
      emit(Type.IDENTIFIER);
    }
    return true;
  }

  private boolean lexFieldOrVariable(Type type) {
    if (atTerminator()) {
      emit(type == Type.VARIABLE ? Type.VARIABLE : Type.DOT);
      return true;
    }
    while (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
      pos += Character.charCount(input.codePointAt(pos));
    }
    if (!atTerminator()) {
      return error("bad character " + unicodeName(input.codePointAt(pos)));
    }
    emit(type);
    return true;
  }

  private boolean atTerminator() {
    if (pos >= input.length()) {
      return true;
    }
    char c = input.charAt(pos);
    if (isSpace(c)) {
      return true;
    }
    return switch (c) {
      case '.', ',', '|', ':', ')', '(' -> true;
      default -> input.startsWith(RIGHT, pos);
    };
  }

  private boolean lexChar() {
    return lexQuoted('\'', "unterminated character constant", Type.CHAR_CONSTANT);
  }

  private boolean lexNumber() {
    if (!scanNumber()) {
      return error("bad number syntax: " + GoQuote.quote(input.substring(start, pos)));
    }
    emit(Type.NUMBER);
    return true;
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (pos < input.length() && isAlphaNumeric(input.codePointAt(pos))) {
      pos += Character.charCount(input.codePointAt(pos));
      return false;
    }
    return true;
  }

  private boolean lexQuote() {
    return lexQuoted('"', "unterminated quoted string", Type.STRING);
  }

  /**
   * A char constant or interpreted string: escapes skip a rune, a newline or the end is an error.
   */
  private boolean lexQuoted(char close, String unterminated, Type type) {
    while (true) {
      int r = next();
      if (r == '\\') {
        r = next();
        if (r != -1 && r != '\n') {
          continue;
        }
      }
      if (r == -1 || r == '\n') {
        return error(unterminated);
      }
      if (r == close) {
        break;
      }
    }
    emit(type);
    return true;
  }

  private boolean lexRawQuote() {
    int end = input.indexOf('`', pos);
    if (end < 0) {
      pos = input.length();
      return error("unterminated raw quoted string");
    }
    pos = end + 1;
    emit(Type.RAW_STRING);
    return true;
  }

  // ---- helpers

  private boolean accept(String valid) {
    if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private void acceptRun(String valid) {
    while (accept(valid)) {
      // consumes the run
    }
  }

  private int next() {
    if (pos >= input.length()) {
      return -1;
    }
    int r = input.codePointAt(pos);
    pos += Character.charCount(r);
    return r;
  }

  private void backup(int r) {
    pos -= Character.charCount(r);
  }

  private void emit(Type type) {
    tokens.add(new Token(type, input.substring(start, pos), start, startLine));
    ignore();
  }

  /** Skips the pending input, keeping the line count right. */
  private void ignore() {
    for (int i = start; i < pos; i++) {
      if (input.charAt(i) == '\n') {
        line++;
      }
    }
    start = pos;
    startLine = line;
  }

  private boolean error(String message) {
    tokens.add(new Token(Type.ERROR, message, start, startLine));
    return false;
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  private boolean hasRightTrimMarker(int at) {
    return at >= 0
        && at + 1 < input.length()
        && isSpace(input.charAt(at))
        && input.charAt(at + 1) == '-';
  }

  private int rightTrimLength(int from, int to) {
    int i = to;
    while (i > from && isSpace(input.charAt(i - 1))) {
      i--;
    }
    return to - i;
  }

  private int leftTrimLength(int from) {
    int i = from;
    while (i < input.length() && isSpace(input.charAt(i))) {
      i++;
    }
    return i - from;
  }

  static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphaNumeric(int c) {
    return c == '_' || Character.isLetter(c) || Character.isDigit(c);
  }

  /** Go's {@code %#U}: {@code U+0040 '@'}. */
  static String unicodeName(int c) {
    String hex = String.format("U+%04X", c);
    return GoQuote.isPrintable(c) ? hex + " '" + new String(Character.toChars(c)) + "'" : hex;
  }
}
