package io.helmsync.template.golib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Go's {@code net/url.URL} as far as Sprig's {@code urlParse} and {@code urlJoin} use it: {@code
 * url.Parse} with its error texts and {@code URL.String} with Go's escaping per component, which
 * java.net.URI does differently (it rejects what Go accepts and escapes other characters).
 */
public record GoUrl(
    String scheme,
    String opaque,
    User user,
    String host,
    String path,
    String rawQuery,
    boolean forceQuery,
    String fragment) {

  /** Go's {@code url.Userinfo}: a user name and, when set, a password. */
  public record User(String username, String password) {
    @Override
    public String toString() {
      String s = escape(username, Mode.USER_PASSWORD);
      return password == null ? s : s + ":" + escape(password, Mode.USER_PASSWORD);
    }
  }

  /** Go's escaping modes. */
  private enum Mode {
    PATH,
    HOST,
    USER_PASSWORD,
    FRAGMENT
  }

  /** {@code url.Parse}; errors are Sprig's panic text "unable to parse url: parse ...". */
  public static GoUrl parse(String raw) {
    int hash = raw.indexOf('#');
    String rest = hash < 0 ? raw : raw.substring(0, hash);
    GoUrl url = reporting(rest, () -> parseWithoutFragment(rest));
    if (hash < 0 || hash == raw.length() - 1) {
      return url;
    }
    return url.withFragment(reporting(raw, () -> unescape(raw.substring(hash + 1), Mode.FRAGMENT)));
  }

  /** Go's {@code url.Error}: {@code parse "URL": cause}, here inside Sprig's panic text. */
  private static <T> T reporting(String url, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw new GoError("unable to parse url: parse " + GoQuote.quote(url) + ": " + e.getMessage());
    }
  }

  private GoUrl withFragment(String newFragment) {
    return new GoUrl(scheme, opaque, user, host, path, rawQuery, forceQuery, newFragment);
  }

  private static GoUrl parseWithoutFragment(String raw) {
    if (raw.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      throw new IllegalArgumentException("net/url: invalid control character in URL");
    }
    if (raw.equals("*")) {
      return new GoUrl("", "", null, "", "*", "", false, "");
    }
    String[] schemeAndRest = scheme(raw);
    String scheme = schemeAndRest[0].toLowerCase(java.util.Locale.ROOT);
    String rest = schemeAndRest[1];
    boolean forceQuery = rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1;
    String query = "";
    if (forceQuery) {
      rest = rest.substring(0, rest.length() - 1);
    } else if (rest.indexOf('?') >= 0) {
      query = rest.substring(rest.indexOf('?') + 1);
      rest = rest.substring(0, rest.indexOf('?'));
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, rest, null, "", "", query, forceQuery, "");
      }
      String segment = rest.indexOf('/') < 0 ? rest : rest.substring(0, rest.indexOf('/'));
      if (segment.contains(":")) {
        throw new IllegalArgumentException("first path segment in URL cannot contain colon");
      }
    }
    User user = null;
    String host = "";
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      rest = slash < 0 ? "" : authority.substring(slash);
      authority = slash < 0 ? authority : authority.substring(0, slash);
      int at = authority.lastIndexOf('@');
      host = host(authority.substring(at + 1));
      user = at < 0 ? null : user(authority.substring(0, at));
    }
    return new GoUrl(scheme, "", user, host, unescape(rest, Mode.PATH), query, forceQuery, "");
  }

  /** Go's {@code getScheme}: letters first, then letters, digits, {@code +-.}, up to a colon. */
  private static String[] scheme(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        continue;
      }
      if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return new String[] {"", raw};
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new IllegalArgumentException("missing protocol scheme");
        }
        return new String[] {raw.substring(0, i), raw.substring(i + 1)};
      }
      return new String[] {"", raw};
    }
    return new String[] {"", raw};
  }

  private static User user(String userinfo) {
    boolean valid =
        userinfo
            .chars()
            .allMatch(
                c ->
                    c < 0x80 && Character.isLetterOrDigit(c)
                        || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0);
    if (!valid) {
      throw new IllegalArgumentException("net/url: invalid userinfo");
    }
    int colon = userinfo.indexOf(':');
    if (colon < 0) {
      return new User(unescape(userinfo, Mode.USER_PASSWORD), null);
    }
    return new User(
        unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD),
        unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD));
  }

  /** Go's {@code parseHost}: a port must be digits; bracketed IPv6 hosts keep their brackets. */
  private static String host(String host) {
    String colonPort = "";
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in host");
      }
      colonPort = host.substring(close + 1);
    } else if (host.lastIndexOf(':') >= 0) {
      colonPort = host.substring(host.lastIndexOf(':'));
    }
    if (!validOptionalPort(colonPort)) {
      throw new IllegalArgumentException(
          "invalid port " + GoQuote.quote(colonPort) + " after host");
    }
    return unescape(host, Mode.HOST);
  }

  private static boolean validOptionalPort(String port) {
    return port.isEmpty() || port.matches(":[0-9]*");
  }

  /** Go's {@code unescape}: {@code %XX} decoded; hosts reject characters Go does not allow. */
  private static String unescape(String s, Mode mode) {
    byte[] bytes = GoRunes.utf8(s);
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xFF;
      if (c == '%') {
        if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
          throw new IllegalArgumentException(
              "invalid URL escape "
                  + GoQuote.quote(GoRunes.slice(bytes, i, Math.min(i + 3, bytes.length))));
        }
        if (mode == Mode.HOST && hex(bytes[i + 1]) < 8 && !s.startsWith("%25", i)) {
          throw new IllegalArgumentException(
              "invalid URL escape " + GoQuote.quote(GoRunes.slice(bytes, i, i + 3)));
        }
        out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
        i += 2;
      } else {
        if (mode == Mode.HOST && c < 0x80 && shouldEscape(c, mode)) {
          throw new IllegalArgumentException(
              "invalid character " + GoQuote.quote(String.valueOf((char) c)) + " in host name");
        }
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /** Go's {@code shouldEscape}: which bytes each URL component must percent-encode. */
  private static boolean shouldEscape(int c, Mode mode) {
    if (c < 0x80 && Character.isLetterOrDigit(c)) {
      return false;
    }
    if (mode == Mode.HOST && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
      return false;
    }
    if ("-_.~".indexOf(c) >= 0) {
      return false;
    }
    if ("$&+,/:;=?@".indexOf(c) >= 0) {
      return switch (mode) {
        case PATH -> c == '?';
        case USER_PASSWORD -> c == '@' || c == '/' || c == '?' || c == ':';
        case FRAGMENT -> false;
        case HOST -> true;
      };
    }
    return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
  }

  private static String escape(String s, Mode mode) {
    StringBuilder out = new StringBuilder();
    for (byte b : GoRunes.utf8(s)) {
      int c = b & 0xFF;
      if (c < 0x80 && !shouldEscape(c, mode)) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  /** {@code URL.String}: components re-escaped the way Go escapes each of them. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (!scheme.isEmpty()) {
      out.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      out.append(opaque);
    } else {
      appendAuthorityAndPath(out);
    }
    if (forceQuery || !rawQuery.isEmpty()) {
      out.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      out.append('#').append(escape(fragment, Mode.FRAGMENT));
    }
    return out.toString();
  }

  private void appendAuthorityAndPath(StringBuilder out) {
    if (!scheme.isEmpty() || !host.isEmpty() || user != null) {
      if (!host.isEmpty() || !path.isEmpty() || user != null) {
        out.append("//");
      }
      if (user != null) {
        out.append(user).append('@');
      }
      out.append(escape(host, Mode.HOST));
    }
    String escapedPath = escape(path, Mode.PATH);
    if (!escapedPath.isEmpty() && escapedPath.charAt(0) != '/' && !host.isEmpty()) {
      out.append('/');
    }
    if (out.length() == 0) {
      int slash = escapedPath.indexOf('/');
      if ((slash < 0 ? escapedPath : escapedPath.substring(0, slash)).contains(":")) {
        out.append("./");
      }
    }
    out.append(escapedPath);
  }

  /** {@code Hostname()}: the host without a valid port and without IPv6 brackets. */
  private String hostname() {
    String name = host;
    int colon = name.lastIndexOf(':');
    if (colon >= 0 && validOptionalPort(name.substring(colon))) {
      name = name.substring(0, colon);
    }
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name;
  }

  /** Sprig's {@code urlParse} dictionary. */
  public Map<String, Object> toMap() {
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("scheme", scheme);
    dict.put("host", host);
    dict.put("hostname", hostname());
    dict.put("path", path);
    dict.put("query", rawQuery);
    dict.put("opaque", opaque);
    dict.put("fragment", fragment);
    dict.put("userinfo", user == null ? "" : user.toString());
    return dict;
  }
}
