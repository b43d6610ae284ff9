package io.helmsync.source;

import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The transport settings of one fetch: the URL without credentials, the credentials resolved for
 * this fetch only (so a rotated Secret is used next time), and the timeout in JGit's unit.
 */
record Remote(String url, Optional<GitCredentials.Login> login, int timeoutSeconds) {

  /** Resolves credentials now; only HTTP transports use them. */
  static Remote of(GitSpec spec) {
    boolean http = GitUrl.parse(spec.url()).scheme().startsWith("http");
    Optional<GitCredentials.Login> login = http ? spec.credentials().login() : Optional.empty();
    int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, spec.timeout().toSeconds()));
    return new Remote(spec.url(), login, seconds);
  }

  /** Applies URL-independent transport settings to a JGit command. */
  <C extends TransportCommand<C, ?>> C configure(C command) {
    CredentialsProvider provider =
        login
            .<CredentialsProvider>map(
                l -> new UsernamePasswordCredentialsProvider(l.username(), l.password()))
            .orElse(null);
    return command.setCredentialsProvider(provider).setTimeout(timeoutSeconds);
  }
}
