package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.RemoteRepositoryException;

/**
 * Turns JGit's transport failures into the {@link ReconcileException} that says what should happen
 * next. JGit has no exception type for a refused login, so that case is recognised by JGit's own
 * (untranslated) messages; anything not recognised is treated as transient, which at worst retries
 * a permanent failure with backoff rather than stalling on a passing one.
 *
 * <p>Messages name the URL from {@link GitSpec#url()}, which never holds credentials, and pass the
 * cause's text through {@link GitUrl#redact} in case a server echoed a URL with userinfo.
 */
final class TransportErrors {
  private static final List<String> AUTH_REFUSED =
      List.of(
          "not authorized",
          "authentication is required",
          "authentication not supported",
          "not permitted");
  private static final int BRANCHES_SHOWN = 5;

  private TransportErrors() {}

  /** Classifies a failed {@code ls-remote} or fetch of {@code spec}. */
  static ReconcileException classify(Exception e, GitSpec spec) {
    String detail = detail(e, spec.url());
    String lower = detail.toLowerCase(Locale.ROOT);
    if (AUTH_REFUSED.stream().anyMatch(lower::contains)) {
      return ReconcileException.stalled(authRefused(spec, detail), e);
    }
    if (lower.contains("not our ref")) {
      return ReconcileException.stalled(
          "commit %s not found in %s; set HELMSYNC_GIT_REF to a commit, branch or tag that exists there"
              .formatted(spec.ref(), spec.url()),
          e);
    }
    if (serverRefused(e)) {
      return ReconcileException.stalled(notFound(spec, detail), e);
    }
    return ReconcileException.transientError(
        "cannot fetch from %s: %s; will retry".formatted(spec.url(), detail), e);
  }

  /** The configured ref is not among the remote's branches and tags. */
  static ReconcileException refNotFound(GitSpec spec, List<String> branches) {
    String existing =
        branches.isEmpty()
            ? "it has no branches yet; push a commit"
            : "branches there: " + shortList(branches) + "; set HELMSYNC_GIT_REF to one of them";
    return ReconcileException.stalled(
        "ref %s not found in %s (no such branch or tag); %s"
            .formatted(spec.ref(), spec.url(), existing));
  }

  /** The server answered that it has no such repository, or will not serve it. */
  private static boolean serverRefused(Exception e) {
    return causes(e)
        .anyMatch(
            c ->
                c instanceof NoRemoteRepositoryException || c instanceof RemoteRepositoryException);
  }

  private static String authRefused(GitSpec spec, String detail) {
    GitCredentials credentials = spec.credentials();
    String used =
        credentials instanceof GitCredentials.Anonymous
            ? "no credentials are configured"
            : "credentials from " + credentials.source() + " were refused";
    return "%s requires authentication and %s (%s); %s"
        .formatted(spec.url(), used, detail, GitCredentials.HOW_TO_SET);
  }

  private static String notFound(GitSpec spec, String detail) {
    String hint =
        spec.credentials() instanceof GitCredentials.Anonymous
                && GitUrl.parse(spec.url()).scheme().startsWith("http")
            ? "; a private repository also answers this way to anonymous requests: "
                + GitCredentials.HOW_TO_SET
            : "";
    return "repository %s not found or not readable (%s); check HELMSYNC_GIT_URL%s"
        .formatted(spec.url(), detail, hint);
  }

  private static String shortList(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(BRANCHES_SHOWN, names.size())));
    int more = names.size() - BRANCHES_SHOWN;
    return more > 0 ? shown + " and " + more + " more" : shown;
  }

  /**
   * The most specific text of the cause chain: the innermost JGit message without the URL prefix
   * JGit adds, plus the innermost JDK cause (connection refused, unknown host, timeout).
   */
  private static String detail(Exception e, String url) {
    List<Throwable> chain = causes(e).toList();
    String jgit =
        chain.stream()
            .filter(c -> c.getClass().getName().startsWith("org.eclipse.jgit."))
            .reduce((first, second) -> second)
            .map(Throwable::getMessage)
            .orElse(String.valueOf(e.getMessage()));
    Throwable root = chain.get(chain.size() - 1);
    String text =
        root.getClass().getName().startsWith("org.eclipse.jgit.")
            ? jgit
            : jgit + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    return GitUrl.redact(text.replace(url + ": ", ""));
  }

  private static Stream<Throwable> causes(Throwable e) {
    return Stream.iterate(e, c -> c != null, Throwable::getCause);
  }
}
