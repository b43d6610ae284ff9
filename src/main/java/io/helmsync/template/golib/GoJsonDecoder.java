package io.helmsync.template.golib;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.Unmarshal} into {@code interface{}}, written out so that results and errors
 * match Go's: the scanner's syntax messages ("invalid character 'x' looking for beginning of
 * value", "unexpected end of JSON input"), trailing data refused, numbers as float64, and a number
 * beyond float64 decoded as nil with a type error reported once the whole text has parsed (Sprig's
 * {@code fromJson} keeps that partial value). Works on UTF-8 bytes, as Go's scanner does.
 */
public final class GoJsonDecoder {
  /** What Go returns: the decoded value (possibly partial) and the error text, or null. */
  public record Result(Object value, String error) {}

  /** A syntax error ends decoding at once, as Go's validity check does before decoding. */
  private static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  /** Marks the end of input; Go's scanner steps a space there, which some states refuse. */
  private static final int EOF = -1;

  private final byte[] in;
  private int pos;
  private String typeError;

  private GoJsonDecoder(byte[] in) {
    this.in = in;
  }

  public static Result decode(String text) {
    GoJsonDecoder decoder = new GoJsonDecoder(text.getBytes(StandardCharsets.UTF_8));
    try {
      Object value = decoder.value();
      decoder.skipSpace();
      if (decoder.peek() != EOF) {
        throw decoder.invalid("after top-level value");
      }
      return new Result(value, decoder.typeError);
    } catch (SyntaxError e) {
      return new Result(null, e.getMessage());
    }
  }

  private int peek() {
    return pos < in.length ? in[pos] & 0xff : EOF;
  }

  private void skipSpace() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
      pos++;
    }
  }

  private Object value() {
    skipSpace();
    int c = peek();
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return number();
    }
    return switch (c) {
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> throw invalid("looking for beginning of value");
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      if (peek() != '"') {
        throw invalid("looking for beginning of object key string");
      }
      String key = string();
      skipSpace();
      if (peek() != ':') {
        throw invalid("after object key");
      }
      pos++;
      map.put(key, value());
      skipSpace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      if (peek() != ',') {
        throw invalid("after object key:value pair");
      }
      pos++;
      skipSpace();
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      if (peek() != ',') {
        throw invalid("after array element");
      }
      pos++;
    }
  }

  private Object literal(String word, Object value) {
    pos++;
    for (int i = 1; i < word.length(); i++) {
      if (peek() != word.charAt(i)) {
        throw invalidOrSpace("in literal " + word + " (expecting '" + word.charAt(i) + "')");
      }
      pos++;
    }
    return value;
  }

  /** A number by JSON's grammar; one float64 cannot hold is Go's type error and reads as nil. */
  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits("in numeric literal");
    }
    if (peek() == '.') {
      pos++;
      digits("after decimal point in numeric literal");
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits("in exponent of numeric literal");
    }
    String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      if (typeError == null) {
        typeError = "json: cannot unmarshal number " + text + " into Go value of type float64";
      }
      return null;
    }
    return value;
  }

  private void digits(String context) {
    if (peek() < '0' || peek() > '9') {
      throw invalidOrSpace(context);
    }
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
  }

  /** A string's text: escapes resolved, a lone UTF-16 surrogate as U+FFFD, as Go's unquote. */
  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    int runStart = pos;
    while (true) {
      int c = peek();
      if (c == EOF) {
        throw new SyntaxError("unexpected end of JSON input");
      }
      if (c == '"' || c == '\\') {
        out.append(new String(in, runStart, pos - runStart, StandardCharsets.UTF_8));
        pos++;
        if (c == '"') {
          return out.toString();
        }
        escape(out);
        runStart = pos;
      } else if (c < 0x20) {
        throw invalid("in string literal");
      } else {
        pos++;
      }
    }
  }

  private void escape(StringBuilder out) {
    int c = peek();
    pos++;
    switch (c) {
      case '"', '\\', '/' -> out.append((char) c);
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> unicodeEscape(out);
      default -> {
        pos--;
        throw invalidOrSpace("in string escape code");
      }
    }
  }

  private void unicodeEscape(StringBuilder out) {
    char unit = (char) hex4();
    if (Character.isHighSurrogate(unit) && startsSurrogate()) {
      int save = pos;
      pos += 2;
      char low = (char) hex4();
      if (Character.isLowSurrogate(low)) {
        out.append(unit).append(low);
        return;
      }
      pos = save;
    }
    out.append(Character.isSurrogate(unit) ? '\uFFFD' : unit);
  }

  private boolean startsSurrogate() {
    return pos + 1 < in.length && in[pos] == '\\' && in[pos + 1] == 'u';
  }

  private int hex4() {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(peek(), 16);
      if (peek() == EOF || digit < 0) {
        throw invalidOrSpace("in \\u hexadecimal character escape");
      }
      value = value * 16 + digit;
      pos++;
    }
    return value;
  }

  /** The scanner's error for the current byte; at the end, "unexpected end of JSON input". */
  private SyntaxError invalid(String context) {
    if (peek() == EOF) {
      return new SyntaxError("unexpected end of JSON input");
    }
    return new SyntaxError("invalid character " + quoteChar(peek()) + " " + context);
  }

  /** In numbers, literals and escapes, Go's scanner meets the end as a space, which it refuses. */
  private SyntaxError invalidOrSpace(String context) {
    int c = peek() == EOF ? ' ' : peek();
    return new SyntaxError("invalid character " + quoteChar(c) + " " + context);
  }

  /** encoding/json's {@code quoteChar}: the byte as a rune, quoted by {@code strconv.Quote}. */
  private static String quoteChar(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String quoted =
        switch (c) {
          case 0x07 -> "\\a";
          case '\b' -> "\\b";
          case '\f' -> "\\f";
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case 0x0b -> "\\v";
          case '\\' -> "\\\\";
          default -> printable(c);
        };
    return "'" + quoted + "'";
  }

  private static String printable(int c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02x", c);
    }
    if (c >= 0x80 && c <= 0xa0 || c == 0xad) {
      return String.format("\\u%04x", c);
    }
    return String.valueOf((char) c);
  }
}
