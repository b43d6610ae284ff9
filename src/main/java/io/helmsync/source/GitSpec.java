package io.helmsync.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link GitSource} tracks and where it keeps its files.
 *
 * <p>The compact constructor moves credentials out of the URL: {@link #url()} never carries
 * userinfo, so this record can be logged. Userinfo from the URL is used only when no other
 * credentials are configured, because explicit configuration (a rotated Secret) should win over a
 * URL someone pasted once.
 *
 * @param url the repository URL ({@code https://}, {@code http://}, {@code git://}, {@code
 *     file://}), without credentials once constructed
 * @param ref a branch, a tag (short or {@code refs/...}) or a full 40-character commit sha;
 *     defaults to {@value #DEFAULT_REF}
 * @param workDir where the cache repository and checkouts live; owned by this source alone
 * @param credentials how to authenticate over HTTP; defaults to anonymous
 * @param timeout for connecting and for each network read; defaults to {@link #DEFAULT_TIMEOUT}.
 *     Over {@code git://} only connecting is bounded: JGit enforces its read timeout there by
 *     interrupting the reading thread, which does not unblock a socket read on current JDKs, so a
 *     server that accepts and then stays silent blocks the fetch until it closes the connection
 */
public record GitSpec(
    String url, String ref, Path workDir, GitCredentials credentials, Duration timeout) {

  /** The ref tracked when none is configured. */
  public static final String DEFAULT_REF = "main";

  /** Network timeout when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Set<String> SCHEMES = Set.of("https", "http", "git", "file");

  /**
   * Validates the spec and moves URL userinfo into {@link #credentials()}.
   *
   * @throws IllegalArgumentException when the URL is not one of the supported schemes
   */
  public GitSpec {
    GitUrl parsed = GitUrl.parse(Objects.requireNonNull(url, "url"));
    if (!SCHEMES.contains(parsed.scheme())) {
      throw new IllegalArgumentException(
          "unsupported Git URL "
              + parsed.safe()
              + ": use https://, http://, git:// or file:// (SSH is not supported yet)");
    }
    url = parsed.safe();
    ref = ref == null || ref.isBlank() ? DEFAULT_REF : ref.strip();
    Objects.requireNonNull(workDir, "workDir");
    credentials = chooseCredentials(credentials, parsed);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("Git timeout must be positive, got " + timeout);
    }
  }

  /** Tracks {@value #DEFAULT_REF} of {@code url} anonymously with the default timeout. */
  public static GitSpec of(String url, Path workDir) {
    return new GitSpec(url, null, workDir, null, null);
  }

  public GitSpec withRef(String newRef) {
    return new GitSpec(url, newRef, workDir, credentials, timeout);
  }

  public GitSpec withCredentials(GitCredentials newCredentials) {
    return new GitSpec(url, ref, workDir, newCredentials, timeout);
  }

  public GitSpec withTimeout(Duration newTimeout) {
    return new GitSpec(url, ref, workDir, credentials, newTimeout);
  }

  private static GitCredentials chooseCredentials(GitCredentials configured, GitUrl parsed) {
    boolean none = configured == null || configured instanceof GitCredentials.Anonymous;
    if (none && parsed.userinfo().isPresent()) {
      GitCredentials.Login login = parsed.userinfo().get();
      return GitCredentials.fixed(
          login.username(), login.password(), "the userinfo of the repository URL");
    }
    return configured == null ? GitCredentials.anonymous() : configured;
  }
}
