package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.MAP;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoUrl;
import io.helmsync.template.golib.GoValues;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Sprig's path functions (Go's {@code path}) and file path functions ({@code path/filepath}), plus
 * {@code urlParse} and {@code urlJoin}. The {@code os*} forms behave as on Linux, where Helm and
 * helmsync run: {@code filepath} there is {@code path} with {@code /} as separator.
 */
final class SprigPaths {
  private SprigPaths() {}

  static Functions functions() {
    Functions.Builder builder = Functions.builder();
    for (String prefix : new String[] {"", "os"}) {
      builder
          .add(name(prefix, "base"), SprigStrings.str(SprigPaths::base))
          .add(name(prefix, "dir"), SprigStrings.str(SprigPaths::dir))
          .add(name(prefix, "clean"), SprigStrings.str(SprigPaths::clean))
          .add(name(prefix, "ext"), SprigStrings.str(SprigPaths::ext))
          .add(name(prefix, "isAbs"), GoFunction.of(a -> ((String) a[0]).startsWith("/"), STRING));
    }
    return builder
        .add("urlParse", GoFunction.of(a -> GoUrl.parse((String) a[0]).toMap(), STRING))
        .add("urlJoin", GoFunction.of(a -> urlJoin(a[0]), MAP))
        .build();
  }

  private static String name(String prefix, String function) {
    return prefix.isEmpty()
        ? function
        : prefix + Character.toUpperCase(function.charAt(0)) + function.substring(1);
  }

  /** {@code path.Base}: the last element after trailing slashes are removed. */
  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String trimmed = path.replaceAll("/+$", "");
    String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return last.isEmpty() ? "/" : last;
  }

  /** {@code path.Dir}: everything up to the last slash, cleaned. */
  static String dir(String path) {
    return clean(path.substring(0, path.lastIndexOf('/') + 1));
  }

  /** {@code path.Ext}: from the last dot of the last element, or "". */
  static String ext(String path) {
    for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
      if (path.charAt(i) == '.') {
        return path.substring(i);
      }
    }
    return "";
  }

  /** {@code path.Clean}: lexical: no empty or "." elements, ".." resolved where it can be. */
  static String clean(String path) {
    boolean rooted = path.startsWith("/");
    Deque<String> elements = new ArrayDeque<>();
    for (String element : path.split("/")) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (!element.equals("..")) {
        elements.addLast(element);
      } else if (!elements.isEmpty() && !elements.peekLast().equals("..")) {
        elements.removeLast();
      } else if (!rooted) {
        elements.addLast("..");
      }
    }
    String joined = String.join("/", elements);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Sprig's {@code urlJoin}: absent keys are empty; keys of another type fail as Sprig panics. */
  private static String urlJoin(Object dict) {
    Map<?, ?> map = dict == null ? Map.of() : (Map<?, ?>) dict;
    GoUrl url =
        new GoUrl(
            part(map, "scheme"),
            part(map, "opaque"),
            userinfo(part(map, "userinfo")),
            part(map, "host"),
            part(map, "path"),
            part(map, "query"),
            false,
            part(map, "fragment"));
    return url.toString();
  }

  private static String part(Map<?, ?> map, String key) {
    if (!map.containsKey(key)) {
      return "";
    }
    Object value = map.get(key);
    if (value == null) {
      throw new GoError("runtime error: invalid memory address or nil pointer dereference");
    }
    if (!(value instanceof String s)) {
      throw new GoError(
          "unable to parse "
              + key
              + " key, must be of type string, but "
              + GoValues.kindOf(value).goName()
              + " found");
    }
    return s;
  }

  private static GoUrl.User userinfo(String userinfo) {
    if (userinfo.isEmpty()) {
      return null;
    }
    try {
      return GoUrl.parse("proto://" + userinfo + "@host").user();
    } catch (GoError e) {
      throw new GoError(
          "unable to parse userinfo in dict: "
              + e.getMessage().substring("unable to parse url: ".length()));
    }
  }
}
