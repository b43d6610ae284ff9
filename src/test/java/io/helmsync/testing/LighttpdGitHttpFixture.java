package io.helmsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code lighttpd} serving {@code git-http-backend} (smart HTTP) on 127.0.0.1 behind HTTP
 * basic authentication, the way GitHub, GitLab and Bitbucket serve private repositories. Python's
 * CGI server is no substitute: it cannot handle JGit's gzip-encoded requests.
 *
 * <p>When {@code lighttpd} is not installed, {@link #start} skips the calling test with an
 * assumption, unless the environment has {@code CI=true}: there the test fails, because CI must
 * install it ({@code apt-get install -y --no-install-recommends lighttpd git}).
 *
 * <pre>{@code
 * try (LighttpdGitHttpFixture http = LighttpdGitHttpFixture.start(tempDir)) {
 *   String sha = http.writeFile("main", "helmfile.yaml", "releases: []\n", "initial");
 *   // http.url() needs http.username() / http.password(); http.urlWithCredentials() embeds them
 * }
 * }</pre>
 */
public final class LighttpdGitHttpFixture implements GitServerFixture {
  /** The user the server accepts. */
  public static final String USERNAME = "helmsync-test";

  /** The password the server accepts; distinctive so tests can assert it never leaks. */
  public static final String PASSWORD = "pw-7f3c9a1e-never-print-me";

  private static final String BACKEND = "/usr/lib/git-core/git-http-backend";
  private static final List<Path> SEARCH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));

  private final GitTestRepo repo;
  private final GitServerProcess server;
  private final Path errorLog;

  private LighttpdGitHttpFixture(GitTestRepo repo, GitServerProcess server, Path errorLog) {
    this.repo = repo;
    this.server = server;
    this.errorLog = errorLog;
  }

  /**
   * Creates an empty bare repository {@code <baseDir>/repo.git} and serves it at {@link #url()}.
   *
   * @param baseDir a fresh directory, usually a JUnit {@code @TempDir}
   */
  public static LighttpdGitHttpFixture start(Path baseDir) {
    Path lighttpd = requireLighttpd();
    GitTestRepo repo = GitTestRepo.create(baseDir.resolve("repo.git"));
    Path errorLog = baseDir.resolve("lighttpd-error.log");
    GitServerProcess server =
        GitServerProcess.start(
            port -> {
              Path config = writeConfig(baseDir, port, errorLog);
              return List.of(lighttpd.toString(), "-D", "-f", config.toString());
            },
            baseDir.resolve("lighttpd.out"));
    return new LighttpdGitHttpFixture(repo, server, errorLog);
  }

  /** {@code http://127.0.0.1:<port>/git/repo.git}, which answers 401 without credentials. */
  @Override
  public String url() {
    return "http://127.0.0.1:" + server.port() + "/git/repo.git";
  }

  /** {@link #url()} with {@link #USERNAME} and {@link #PASSWORD} as userinfo. */
  public String urlWithCredentials() {
    return "http://" + USERNAME + ":" + PASSWORD + "@127.0.0.1:" + server.port() + "/git/repo.git";
  }

  @Override
  public GitTestRepo repo() {
    return repo;
  }

  /** lighttpd's error log: refused logins are recorded there with the user name. */
  public Path errorLog() {
    return errorLog;
  }

  @Override
  public void close() {
    server.close();
    repo.close();
  }

  private static Path requireLighttpd() {
    Optional<Path> found =
        Stream.concat(SEARCH.stream(), pathEntries())
            .map(dir -> dir.resolve("lighttpd"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty() || !Files.isExecutable(Path.of(BACKEND))) {
      String message =
          "lighttpd or " + BACKEND + " is not installed; run: apt-get install -y lighttpd git";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true, so this is an error, not a skip)");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  private static Stream<Path> pathEntries() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of);
  }

  private static Path writeConfig(Path baseDir, int port, Path errorLog) {
    try {
      Path docroot = Files.createDirectories(baseDir.resolve("htdocs"));
      Path users = baseDir.resolve("lighttpd-users");
      Files.writeString(users, USERNAME + ":" + PASSWORD + "\n");
      Path config = baseDir.resolve("lighttpd.conf");
      Files.writeString(config, config(docroot, port, errorLog, users, baseDir));
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write lighttpd configuration in " + baseDir, e);
    }
  }

  private static String config(Path docroot, int port, Path errorLog, Path users, Path root) {
    return """
    server.document-root = "%s"
    server.bind = "127.0.0.1"
    server.port = %d
    server.errorlog = "%s"
    server.modules = ( "mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi" )
    alias.url = ( "/git/" => "%s/" )
    auth.backend = "plain"
    auth.backend.plain.userfile = "%s"
    auth.require = ( "/git/" => ( "method" => "basic", "realm" => "helmsync-test", \
    "require" => "valid-user" ) )
    $HTTP["url"] =~ "^/git/" {
      cgi.assign = ( "" => "" )
      setenv.set-environment = ( "GIT_PROJECT_ROOT" => "%s", "GIT_HTTP_EXPORT_ALL" => "" )
    }
    """
        .formatted(docroot, port, errorLog, BACKEND, users, root);
  }
}
