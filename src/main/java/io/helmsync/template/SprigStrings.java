package io.helmsync.template;

import static io.helmsync.template.GoType.ANY;
import static io.helmsync.template.GoType.INT;
import static io.helmsync.template.GoType.STRING;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
        .add("upper", str(String::toUpperCase))
        .add("lower", str(String::toLowerCase))
        .add("title", str(SprigStrings::title))
        .add("trim", str(String::strip))
        .add("nospace", str(s -> s.codePoints().filter(c -> !Character.isWhitespace(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()))
        .add("trimAll", GoFunction.of(a -> trimAll((String) a[1], (String) a[0]), STRING, STRING))
        .add("trimPrefix", GoFunction.of(a -> trimPrefix((String) a[1], (String) a[0]), STRING, STRING))
        .add("trimSuffix", GoFunction.of(a -> trimSuffix((String) a[1], (String) a[0]), STRING, STRING))
        .add("contains", GoFunction.of(a -> ((String) a[1]).contains((String) a[0]), STRING, STRING))
        .add("hasPrefix", GoFunction.of(a -> ((String) a[1]).startsWith((String) a[0]), STRING, STRING))
        .add("hasSuffix", GoFunction.of(a -> ((String) a[1]).endsWith((String) a[0]), STRING, STRING))
        .add("quote", GoFunction.variadic(a -> quoteAll(a, true), ANY))
        .add("squote", GoFunction.variadic(a -> quoteAll(a, false), ANY))
        .add("cat", GoFunction.variadic(SprigStrings::cat, ANY))
        .add("indent", GoFunction.of(a -> indent((Long) a[0], (String) a[1]), INT, STRING))
        .add("nindent", GoFunction.of(a -> "\n" + indent((Long) a[0], (String) a[1]), INT, STRING))
        .add("replace", GoFunction.of(
            a -> ((String) a[2]).replace((String) a[0], (String) a[1]), STRING, STRING, STRING))
        .add("repeat", GoFunction.of(a -> repeat((Long) a[0], (String) a[1]), INT, STRING))
        .add("trunc", GoFunction.of(a -> trunc((Long) a[0], (String) a[1]), INT, STRING))
        .add("substr", GoFunction.of(a -> substr((Long) a[0], (Long) a[1], (String) a[2]),
            INT, INT, STRING))
        .add("plural", GoFunction.of(a -> (Long) a[2] == 1 ? a[0] : a[1], STRING, STRING, INT))
        .add("toString", GoFunction.of(a -> GoCast.strval(a[0]), ANY))
        .add("toStrings", GoFunction.of(a -> new ArrayList<Object>(strslice(a[0])), ANY))
        .add("join", GoFunction.of(a -> String.join((String) a[0], strslice(a[1])), STRING, ANY))
        .add("split", GoFunction.of(a -> split((String) a[0], (String) a[1], -1), STRING, STRING))
        .add("splitn", GoFunction.of(a -> split((String) a[0], (String) a[2], (Long) a[1]),
            STRING, INT, STRING))
        .add("splitList", GoFunction.of(
            a -> new ArrayList<Object>(goSplit((String) a[1], (String) a[0], -1)), STRING, STRING))
        .add("sortAlpha", GoFunction.of(a -> sortAlpha(a[0]), ANY))
        .add("sha1sum", str(s -> digest("SHA-1", s)))
        .add("sha256sum", str(s -> digest("SHA-256", s)))
        .add("sha512sum", str(s -> digest("SHA-512", s)))
        .add("adler32sum", str(SprigStrings::adler32))
        .add("b64enc", str(s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))))
        .add("b64dec", str(SprigStrings::b64dec))
        .build();
  }

  private static GoFunction str(java.util.function.UnaryOperator<String> f) {
    return GoFunction.of(a -> f.apply((String) a[0]), STRING);
  }

  /** Go's {@code strings.Title}: the first letter of each word in upper case. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean separator = true;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      out.appendCodePoint(separator ? Character.toTitleCase(c) : c);
      separator = !(Character.isLetterOrDigit(c) || c == '_');
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static String trimAll(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
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

  private static String indent(long spaces, String s) {
    String pad = " ".repeat((int) Math.max(spaces, 0));
    return pad + s.replace("\n", "\n" + pad);
  }

  private static String repeat(long count, String s) {
    if (count < 0) {
      throw new GoError("strings: negative Repeat count");
    }
    return s.repeat((int) count);
  }

  /** Sprig's {@code trunc}: the first c bytes, or the last -c bytes. */
  private static String trunc(long c, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (c < 0 && bytes.length + c > 0) {
      return bytes(bytes, (int) (bytes.length + c), bytes.length);
    }
    if (c >= 0 && bytes.length > c) {
      return bytes(bytes, 0, (int) c);
    }
    return s;
  }

  private static String substr(long start, long end, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    if (start < 0) {
      return bytes(bytes, 0, checkedIndex(end, bytes.length));
    }
    if (end < 0 || end > bytes.length) {
      return bytes(bytes, checkedIndex(start, bytes.length), bytes.length);
    }
    if (start > end) {
      throw new GoError("runtime error: slice bounds out of range [" + start + ":" + end + "]");
    }
    return bytes(bytes, (int) start, (int) end);
  }

  private static int checkedIndex(long index, int length) {
    if (index < 0 || index > length) {
      throw new GoError("runtime error: slice bounds out of range [:" + index + "] with length "
          + length);
    }
    return (int) index;
  }

  private static String bytes(byte[] bytes, int from, int to) {
    return new String(Arrays.copyOfRange(bytes, from, to), StandardCharsets.UTF_8);
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
      s.codePoints().forEach(c -> parts.add(new String(Character.toChars(c))));
      return parts;
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

  private static List<Object> sortAlpha(Object value) {
    List<String> strings = value instanceof List ? new ArrayList<>(strslice(value))
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

  private static String b64dec(String s) {
    try {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "illegal base64 data at input byte " + firstBadBase64Byte(s);
    }
  }

  private static int firstBadBase64Byte(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean valid = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '+' || c == '/' || c == '=';
      if (!valid) {
        return i;
      }
    }
    return Math.max(s.length() - (s.length() % 4 == 0 ? 4 : s.length() % 4), 0);
  }
}
