package io.helmsync.template.golib;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code fmt.Sprintf}: Go's verbs, flags, width and precision, and its in-band error notes such as
 * {@code %!d(string=x)}, {@code %!s(MISSING)} and {@code %!(EXTRA int=1)}.
 */
public final class GoFormat {
  private final String format;
  private final Object[] args;
  private final StringBuilder out = new StringBuilder();
  private int argIndex;
  // Explicit argument indexes (%[2]s): once used, unused arguments are no longer reported.
  private boolean reordered;
  private boolean goodArgIndex;

  // The flags of the verb being formatted.
  private boolean plus;
  private boolean minus;
  private boolean sharp;
  private boolean space;
  private boolean zero;
  private boolean sharpV;
  private int width = -1;
  private int precision = -1;

  private GoFormat(String format, Object[] args) {
    this.format = format;
    this.args = args;
  }

  /** Formats like Go's {@code fmt.Sprintf(format, args...)}. */
  public static String sprintf(String format, Object... args) {
    GoFormat printer = new GoFormat(format, args);
    printer.run();
    return printer.out.toString();
  }

  private void run() {
    int i = 0;
    int end = format.length();
    while (i < end) {
      int percent = format.indexOf('%', i);
      if (percent < 0) {
        out.append(format, i, end);
        break;
      }
      out.append(format, i, percent);
      i = directive(percent + 1);
    }
    appendExtraArguments();
  }

  /** Formats one directive starting after its '%'; returns the index after it. */
  private int directive(int i) {
    plus = minus = sharp = space = zero = sharpV = false;
    width = precision = -1;
    int end = format.length();
    for (; i < end; i++) {
      char c = format.charAt(i);
      if (c == '#') {
        sharp = true;
      } else if (c == '0') {
        zero = !minus;
      } else if (c == '+') {
        plus = true;
      } else if (c == '-') {
        minus = true;
        zero = false;
      } else if (c == ' ') {
        space = true;
      } else {
        break;
      }
    }
    goodArgIndex = true;
    i = readArgIndex(i);
    boolean afterIndex = explicitIndexAt(i - 1);
    if (afterIndex && i < end && Character.isDigit(format.charAt(i))) {
      goodArgIndex = false; // "%[3]2d"
    }
    i = readWidth(i);
    if (i + 1 < end && format.charAt(i) == '.') {
      if (afterIndex) {
        goodArgIndex = false; // "%[3].2d"
      }
      i = readPrecision(readArgIndex(i + 1));
    }
    if (!explicitIndexAt(i - 1)) {
      i = readArgIndex(i);
    }
    if (i >= end) {
      out.append("%!(NOVERB)");
      return i;
    }
    int verb = format.codePointAt(i);
    i += Character.charCount(verb);
    if (verb == '%') {
      out.append('%');
    } else if (!goodArgIndex) {
      out.append("%!").appendCodePoint(verb).append("(BADINDEX)");
    } else if (argIndex >= args.length) {
      out.append("%!").appendCodePoint(verb).append("(MISSING)");
    } else {
      if (verb == 'v') {
        // As Go does: %#v asks for Go syntax, and %+v only names struct fields, which we lack.
        sharpV = sharp;
        sharp = false;
        plus = false;
      }
      printArg(args[argIndex++], verb);
    }
    return i;
  }

  private boolean explicitIndexAt(int i) {
    return i >= 0 && i < format.length() && format.charAt(i) == ']';
  }

  /** Go's {@code argNumber}: an optional {@code [n]} that moves to the n-th argument. */
  private int readArgIndex(int i) {
    if (i >= format.length() || format.charAt(i) != '[') {
      return i;
    }
    reordered = true;
    int close = format.indexOf(']', i);
    if (close < 0) {
      goodArgIndex = false;
      return i + 1;
    }
    String digits = format.substring(i + 1, close);
    if (!digits.matches("[0-9]{1,9}")) {
      goodArgIndex = false;
      return close + 1;
    }
    int index = Integer.parseInt(digits) - 1;
    if (index < 0 || index >= args.length) {
      goodArgIndex = false;
    } else {
      argIndex = index;
    }
    return close + 1;
  }

  private int readWidth(int i) {
    if (i < format.length() && format.charAt(i) == '*') {
      Integer w = starArgument();
      if (w == null) {
        out.append("%!(BADWIDTH)");
      } else if (w < 0) {
        minus = true;
        zero = false;
        width = -w;
      } else {
        width = w;
      }
      return i + 1;
    }
    int start = i;
    while (i < format.length() && Character.isDigit(format.charAt(i))) {
      i++;
    }
    if (i > start) {
      width = Integer.parseInt(format.substring(start, Math.min(i, start + 9)));
    }
    return i;
  }

  /** The precision after a '.', which may be {@code *} or empty (zero). */
  private int readPrecision(int i) {
    if (i < format.length() && format.charAt(i) == '*') {
      Integer p = starArgument();
      if (p == null || p < 0) {
        precision = -1;
        out.append("%!(BADPREC)");
      } else {
        precision = p;
      }
      return i + 1;
    }
    int start = i;
    while (i < format.length() && Character.isDigit(format.charAt(i))) {
      i++;
    }
    precision = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 9))) : 0;
    return i;
  }

  private Integer starArgument() {
    if (argIndex >= args.length) {
      return null;
    }
    Object arg = args[argIndex++];
    return GoValues.isInteger(arg) ? (int) GoValues.integer(arg) : null;
  }

  private void appendExtraArguments() {
    if (reordered || argIndex >= args.length) {
      return;
    }
    out.append("%!(EXTRA ");
    for (int i = argIndex; i < args.length; i++) {
      if (i > argIndex) {
        out.append(", ");
      }
      Object arg = args[i];
      if (arg == null) {
        out.append("<nil>");
      } else {
        out.append(GoValues.typeName(arg)).append('=');
        GoPrint.append(out, arg);
      }
    }
    out.append(')');
  }

  private void printArg(Object arg, int verb) {
    if (sharpV) {
      pad(goSyntax(arg, true));
    } else if (verb == 'T') {
      pad(GoValues.typeName(arg));
    } else if (arg == null || arg == NoValue.NO_VALUE) {
      if (verb == 'v') {
        pad("<nil>");
      } else {
        badVerb(arg, verb);
      }
    } else if (arg instanceof Boolean b) {
      formatBool(b, verb);
    } else if (GoValues.isInteger(arg)) {
      formatInteger(arg, GoValues.integer(arg), verb);
    } else if (arg instanceof Double d) {
      formatFloat(d, verb);
    } else if (arg instanceof String s) {
      formatString(s, verb);
    } else if (arg instanceof List<?> list) {
      formatList(list, verb);
    } else if (arg instanceof Map<?, ?> map) {
      formatMap(map, verb);
    } else if (verb == 'v' || verb == 's') {
      pad(String.valueOf(arg));
    } else {
      badVerb(arg, verb);
    }
  }

  private void formatList(List<?> list, int verb) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      printArg(list.get(i), verb);
    }
    out.append(']');
  }

  private void formatMap(Map<?, ?> map, int verb) {
    out.append("map[");
    boolean first = true;
    for (String key : GoPrint.sortedKeys(map)) {
      if (!first) {
        out.append(' ');
      }
      first = false;
      printArg(key, verb);
      out.append(':');
      printArg(map.get(key), verb);
    }
    out.append(']');
  }

  /**
   * {@code %#v}: the value as a Go literal, such as {@code map[string]interface {}{"a":1}}. Inside
   * a container every element is an interface, so nil prints as {@code interface {}(nil)}.
   */
  private static String goSyntax(Object value, boolean topLevel) {
    if (value == null || value == NoValue.NO_VALUE) {
      return topLevel ? "<nil>" : "interface {}(nil)";
    }
    if (value instanceof String s) {
      return GoQuote.quote(s);
    }
    if (value instanceof Double d) {
      return GoFloat.shortest(d);
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[]interface {}{");
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? ", " : "").append(goSyntax(list.get(i), false));
      }
      return out.append('}').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("map[string]interface {}{");
      boolean first = true;
      for (String key : GoPrint.sortedKeys(map)) {
        out.append(first ? "" : ", ")
            .append(GoQuote.quote(key))
            .append(':')
            .append(goSyntax(map.get(key), false));
        first = false;
      }
      return out.append('}').toString();
    }
    return GoPrint.value(value);
  }

  private void badVerb(Object arg, int verb) {
    out.append("%!").appendCodePoint(verb).append('(');
    if (arg == null || arg == NoValue.NO_VALUE) {
      out.append("<nil>");
    } else {
      out.append(GoValues.typeName(arg)).append('=');
      GoPrint.append(out, arg);
    }
    out.append(')');
  }

  private void formatBool(boolean b, int verb) {
    if (verb == 't' || verb == 'v') {
      pad(Boolean.toString(b));
    } else {
      badVerb(b, verb);
    }
  }

  private void formatInteger(Object arg, long value, int verb) {
    switch (verb) {
      case 'v', 'd' -> integer(value, 10, false, "");
      case 'b' -> integer(value, 2, false, sharp ? "0b" : "");
      case 'o' -> integer(value, 8, false, sharp ? "0" : "");
      case 'O' -> integer(value, 8, false, "0o");
      case 'x' -> integer(value, 16, false, sharp ? "0x" : "");
      case 'X' -> integer(value, 16, true, sharp ? "0X" : "");
      case 'c' -> pad(new String(Character.toChars(validRune(value))));
      case 'q' -> pad(GoQuote.quoteRune(validRune(value)));
      case 'U' -> pad(String.format("U+%04X", value));
      default -> badVerb(arg, verb);
    }
  }

  private static int validRune(long value) {
    return value < 0 || value > Character.MAX_CODE_POINT || value >= 0xD800 && value <= 0xDFFF
        ? 0xFFFD
        : (int) value;
  }

  private void integer(long value, int radix, boolean upper, String prefix) {
    String digits = Long.toUnsignedString(Math.abs(value), radix);
    if (value == Long.MIN_VALUE) {
      digits = Long.toUnsignedString(value, radix);
    }
    if (upper) {
      digits = digits.toUpperCase();
    }
    if (precision >= 0) {
      digits = precision == 0 && value == 0 ? "" : leftPad(digits, precision, '0');
    }
    String sign = value < 0 ? "-" : plus ? "+" : space ? " " : "";
    String head = sign + prefix;
    if (zero && width > 0 && precision < 0 && !minus) {
      out.append(head).append(leftPad(digits, width - head.length(), '0'));
    } else {
      pad(head + digits);
    }
  }

  private void formatFloat(double value, int verb) {
    int defaultPrecision =
        switch (verb) {
          case 'e', 'E', 'f', 'F' -> 6;
          default -> -1;
        };
    char goVerb =
        switch (verb) {
          case 'v' -> 'g';
          case 'F' -> 'f';
          case 'e', 'E', 'f', 'g', 'G' -> (char) verb;
          default -> 0;
        };
    if (goVerb == 0) {
      badVerb(value, verb);
      return;
    }
    String number = GoFloat.format(value, goVerb, precision >= 0 ? precision : defaultPrecision);
    boolean negative = number.startsWith("-");
    String digits =
        negative ? number.substring(1) : number.startsWith("+") ? number.substring(1) : number;
    String sign = negative ? "-" : plus ? "+" : space ? " " : "";
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      padInfinityOrNaN(value, digits);
      return;
    }
    if (zero && width > 0 && !minus) {
      out.append(sign).append(leftPad(digits, width - sign.length(), '0'));
    } else {
      pad(sign + digits);
    }
  }

  /** Go signs infinities always and NaN only when asked, and never pads them with zeros. */
  private void padInfinityOrNaN(double value, String digits) {
    String sign = value < 0 ? "-" : plus ? "+" : space ? " " : Double.isNaN(value) ? "" : "+";
    boolean zeroFlag = zero;
    zero = false;
    pad(sign + digits);
    zero = zeroFlag;
  }

  private void formatString(String s, int verb) {
    switch (verb) {
      case 'v', 's' -> pad(truncate(s));
      case 'q' -> pad(quote(truncate(s)));
      case 'x', 'X' -> pad(hex(truncate(s), verb == 'X'));
      default -> badVerb(s, verb);
    }
  }

  private String truncate(String s) {
    if (precision < 0 || s.codePointCount(0, s.length()) <= precision) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, precision));
  }

  private String quote(String s) {
    if (sharp
        && s.indexOf('`') < 0
        && s.chars().allMatch(c -> c == '\t' || c >= ' ' && c != 0x7f)) {
      return "`" + s + "`";
    }
    return plus ? GoQuote.quoteToAscii(s) : GoQuote.quote(s);
  }

  private String hex(String s, boolean upper) {
    StringBuilder hex = new StringBuilder();
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (space && i > 0) {
        hex.append(' ');
      }
      if (sharp && (space || i == 0)) {
        hex.append(upper ? "0X" : "0x");
      }
      hex.append(String.format(upper ? "%02X" : "%02x", bytes[i] & 0xff));
    }
    return hex.toString();
  }

  /** Pads to the width with spaces, or zeros with the 0 flag, as Go's {@code fmt.pad} does. */
  private void pad(String s) {
    int length = s.codePointCount(0, s.length());
    if (width <= length) {
      out.append(s);
    } else if (minus) {
      out.append(s).append(" ".repeat(width - length));
    } else {
      out.append(String.valueOf(zero ? '0' : ' ').repeat(width - length)).append(s);
    }
  }

  private static String leftPad(String s, int size, char c) {
    return s.length() >= size ? s : String.valueOf(c).repeat(size - s.length()) + s;
  }
}
