package io.helmsync.source;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository URL split into the part that is safe to show and the credentials it carried as
 * userinfo ({@code https://user:token@host/org/repo.git}). Only {@link #safe()} is handed to JGit,
 * logged or put in a snapshot, so no exception message, log line or status can echo a token that
 * was pasted into the URL.
 *
 * @param safe the URL without userinfo
 * @param userinfo the user name and password from the URL, percent-decoded, when it had any
 */
public record GitUrl(String safe, Optional<GitCredentials.Login> userinfo) {
  private static final Pattern WITH_AUTHORITY =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)$", Pattern.DOTALL);
  private static final Pattern USERINFO_IN_TEXT =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@");

  public GitUrl {
    Objects.requireNonNull(safe, "safe");
    Objects.requireNonNull(userinfo, "userinfo");
  }

  /**
   * Splits {@code url}. URLs without an authority (scp-like {@code git@host:repo}, local paths) are
   * returned unchanged: the only userinfo they can carry is an SSH user name, which is no secret.
   */
  public static GitUrl parse(String url) {
    Matcher matcher = WITH_AUTHORITY.matcher(Objects.requireNonNull(url, "url"));
    if (!matcher.matches()) {
      return new GitUrl(url, Optional.empty());
    }
    String authority = matcher.group(2);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return new GitUrl(url, Optional.empty());
    }
    String safe = matcher.group(1) + authority.substring(at + 1) + matcher.group(3);
    return new GitUrl(safe, Optional.of(login(authority.substring(0, at))));
  }

  /** {@code url} without credentials, for messages and logs about a URL given by a user. */
  public static String withoutCredentials(String url) {
    return parse(url).safe();
  }

  /** {@code text} with the userinfo of every URL in it removed, for third-party error messages. */
  public static String redact(String text) {
    return USERINFO_IN_TEXT.matcher(text).replaceAll("$1");
  }

  /** The scheme in lower case ({@code https}, {@code git}, {@code file}), or empty for scp-like. */
  public String scheme() {
    int colon = safe.indexOf("://");
    return colon < 0 ? "" : safe.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return safe;
  }

  private static GitCredentials.Login login(String userinfo) {
    int colon = userinfo.indexOf(':');
    String username = colon < 0 ? userinfo : userinfo.substring(0, colon);
    String password = colon < 0 ? "" : userinfo.substring(colon + 1);
    return new GitCredentials.Login(decode(username), decode(password));
  }

  /** Percent-decodes without turning {@code +} into a space (that rule is for query strings). */
  private static String decode(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return value;
    }
  }
}
