package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.INT;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoRunes;
import io.helmsync.template.golib.GoValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

/** Sprig's string functions ({@code strings.go}), with Sprig's argument order and types. */
final class SprigStrings {
  private SprigStrings() {}

  static Functions functions() {
    return Functions.builder()
        .add("upper", str(s -> mapRunes(s, Character::toUpperCase)))
        .add("lower", str(s -> mapRunes(s, Character::toLowerCase)))
        .add("title", str(SprigStrings::title))
        .add("trim", str(s -> trimRunes(s, GoRunes::isSpace)))
        .add("trimAll", GoFunction.of(a -> trimAll((String) a[1], (String) a[0]), STRING, STRING))
        .add("trimall", GoFunction.of(a -> trimAll((String) a[1], (String) a[0]), STRING, STRING))
        .add(
            "trimPrefix",
            GoFunction.of(a -> trimPrefix((String) a[1], (String) a[0]), STRING, STRING))
        .add(
            "trimSuffix",
            GoFunction.of(a -> trimSuffix((String) a[1], (String) a[0]), STRING, STRING))
        .add(
            "contains", GoFunction.of(a -> ((String) a[1]).contains((String) a[0]), STRING, STRING))
        .add(
            "hasPrefix",
            GoFunction.of(a -> ((String) a[1]).startsWith((String) a[0]), STRING, STRING))
        .add(
            "hasSuffix",
            GoFunction.of(a -> ((String) a[1]).endsWith((String) a[0]), STRING, STRING))
        .add("quote", GoFunction.variadic(a -> quoteAll(a, true), ANY))
        .add("squote", GoFunction.variadic(a -> quoteAll(a, false), ANY))
        .add("cat", GoFunction.variadic(SprigStrings::cat, ANY))
        .add("indent", GoFunction.of(a -> indent((Long) a[0], (String) a[1]), INT, STRING))
        .add("nindent", GoFunction.of(a -> "\n" + indent((Long) a[0], (String) a[1]), INT, STRING))
        .add(
            "replace",
            GoFunction.of(
                a -> replace((String) a[2], (String) a[0], (String) a[1]), STRING, STRING, STRING))
        .add("repeat", GoFunction.of(a -> repeat((Long) a[0], (String) a[1]), INT, STRING))
        .add("trunc", GoFunction.of(a -> trunc((Long) a[0], (String) a[1]), INT, STRING))
        .add(
            "substr",
            GoFunction.of(a -> substr((Long) a[0], (Long) a[1], (String) a[2]), INT, INT, STRING))
        .add("plural", GoFunction.of(a -> (Long) a[2] == 1 ? a[0] : a[1], STRING, STRING, INT))
        .add("toString", GoFunction.of(a -> GoCast.strval(a[0]), ANY))
        .add("toStrings", GoFunction.of(a -> new ArrayList<Object>(strslice(a[0])), ANY))
        .add("join", GoFunction.of(a -> String.join((String) a[0], strslice(a[1])), STRING, ANY))
        .add("split", GoFunction.of(a -> split((String) a[0], (String) a[1], -1), STRING, STRING))
        .add(
            "splitn",
            GoFunction.of(
                a -> split((String) a[0], (String) a[2], (Long) a[1]), STRING, INT, STRING))
        .add(
            "splitList",
            GoFunction.of(
                a -> new ArrayList<Object>(goSplit((String) a[1], (String) a[0], -1)),
                STRING,
                STRING))
        .add("sortAlpha", GoFunction.of(a -> sortAlpha(a[0]), ANY))
        .add("sha1sum", str(s -> digest("SHA-1", s)))
        .add("sha256sum", str(s -> digest("SHA-256", s)))
        .add("sha512sum", str(s -> digest("SHA-512", s)))
        .add("adler32sum", str(SprigStrings::adler32))
        .add("hello", GoFunction.of(a -> "Hello!"))
        .build()
        .with(SprigWords.functions())
        .with(SprigCase.functions());
  }

  static GoFunction str(java.util.function.UnaryOperator<String> f) {
    return GoFunction.of(a -> f.apply((String) a[0]), STRING);
  }

  /** Go's {@code strings.Map} with a simple (one rune to one rune) case mapping, as Go's are. */
  static String mapRunes(String s, java.util.function.IntUnaryOperator mapping) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.appendCodePoint(mapping.applyAsInt(c)));
    return out.toString();
  }

  /** Go's {@code strings.TrimFunc}: drops matching runes from both ends. */
  private static String trimRunes(String s, java.util.function.IntPredicate drop) {
    int start = 0;
    int end = s.length();
    while (start < end && drop.test(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && drop.test(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /** Go's {@code strings.Title}: title-cases each rune that follows a separator. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean separator = true;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      out.appendCodePoint(separator ? Character.toTitleCase(c) : c);
      separator = isWordSeparator(c);
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** Go's rule for {@code Title}: ASCII non-alphanumerics but {@code _}, and spaces, separate. */
  private static boolean isWordSeparator(int c) {
    if (c <= 0x7F) {
      return !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_');
    }
    return !Character.isLetter(c)
        && Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER
        && GoRunes.isSpace(c);
  }

  /** Go's {@code strings.Trim}: the cutset is a set of runes. */
  private static String trimAll(String s, String cutset) {
    return trimRunes(s, c -> cutset.codePoints().anyMatch(cut -> cut == c));
  }

  private static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static String quoteAll(Object[] values, boolean doubleQuotes) {
    List<String> out = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        String s = GoCast.strval(value);
        out.add(doubleQuotes ? GoQuote.quote(s) : "'" + s + "'");
      }
    }
    return String.join(" ", out);
  }

  private static String cat(Object[] values) {
    List<String> present = new ArrayList<>();
    for (Object value : values) {
      if (value != null) {
        present.add(GoPrint.value(value));
      }
    }
    return String.join(" ", present);
  }

  /** A negative width panics in Go's {@code strings.Repeat}; templates report the panic. */
  private static String indent(long spaces, String s) {
    String pad = repeat(spaces, " ");
    return pad + s.replace("\n", "\n" + pad);
  }

  /** Go's {@code strings.Repeat}, with its two panics as errors. */
  static String repeat(long count, String s) {
    if (count < 0) {
      throw new GoError("strings: negative Repeat count");
    }
    if (count > 0 && GoRunes.utf8(s).length * count > Integer.MAX_VALUE - 8) {
      throw new GoError("strings: Repeat output length overflow");
    }
    return s.repeat((int) count);
  }

  /**
   * Go's {@code strings.Replace}: an empty {@code old} matches before every rune and at the end.
   */
  private static String replace(String s, String old, String replacement) {
    if (!old.isEmpty()) {
      return s.replace(old, replacement);
    }
    StringBuilder out = new StringBuilder(replacement);
    s.codePoints().forEach(c -> out.appendCodePoint(c).append(replacement));
    return out.toString();
  }

  /** Sprig's {@code trunc}: the first c bytes, or the last -c bytes. */
  private static String trunc(long c, String s) {
    byte[] bytes = GoRunes.utf8(s);
    if (c < 0 && bytes.length + c > 0) {
      return GoRunes.slice(bytes, (int) (bytes.length + c), bytes.length);
    }
    if (c >= 0 && bytes.length > c) {
      return GoRunes.slice(bytes, 0, (int) c);
    }
    return s;
  }

  /**
   * Sprig's {@code substring}: {@code s[:end]} when start is negative, {@code s[start:]} when end
   * is negative or past the end, else {@code s[start:end]}; byte offsets, Go's panics as errors.
   */
  private static String substr(long start, long end, String s) {
    byte[] bytes = GoRunes.utf8(s);
    if (start < 0) {
      if (end < 0) {
        throw outOfRange("[:" + end + "]");
      }
      if (end > bytes.length) {
        throw outOfRange("[:" + end + "] with length " + bytes.length);
      }
      return GoRunes.slice(bytes, 0, (int) end);
    }
    if (end < 0 || end > bytes.length) {
      if (start > bytes.length) {
        throw outOfRange("[" + start + ":" + bytes.length + "]");
      }
      return GoRunes.slice(bytes, (int) start, bytes.length);
    }
    if (start > end) {
      throw outOfRange("[" + start + ":" + end + "]");
    }
    return GoRunes.slice(bytes, (int) start, (int) end);
  }

  private static GoError outOfRange(String bounds) {
    return new GoError("runtime error: slice bounds out of range " + bounds);
  }

  /** Sprig's {@code strslice}: a list's non-nil elements as strings, or the value alone. */
  static List<String> strslice(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object element : list) {
        if (element != null) {
          out.add(GoCast.strval(element));
        }
      }
      return out;
    }
    return List.of(GoCast.strval(value));
  }

  private static Map<String, Object> split(String sep, String s, long n) {
    List<String> parts = goSplit(s, sep, n);
    Map<String, Object> result = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      result.put("_" + i, parts.get(i));
    }
    return result;
  }

  /** Go's {@code strings.SplitN}: an empty separator splits into characters. */
  static List<String> goSplit(String s, String sep, long n) {
    List<String> parts = new ArrayList<>();
    if (n == 0) {
      return parts;
    }
    if (sep.isEmpty()) {
      return explode(s, n);
    }
    int from = 0;
    while (n < 0 || parts.size() < n - 1) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** Go's {@code explode}: one rune per part, the last part holding the rest when n runs out. */
  private static List<String> explode(String s, long n) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      if (n > 0 && parts.size() == n - 1) {
        parts.add(s.substring(i));
        return parts;
      }
      int next = s.offsetByCodePoints(i, 1);
      parts.add(s.substring(i, next));
      i = next;
    }
    return parts;
  }

  private static List<Object> sortAlpha(Object value) {
    List<String> strings =
        value instanceof List
            ? new ArrayList<>(strslice(value))
            : new ArrayList<>(List.of(GoCast.strval(value)));
    strings.sort(GoValues.GO_STRING_ORDER);
    return new ArrayList<>(strings);
  }

  private static String digest(String algorithm, String s) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }

  private static String adler32(String s) {
    Adler32 adler = new Adler32();
    adler.update(s.getBytes(StandardCharsets.UTF_8));
    return Long.toString(adler.getValue());
  }
}
