package io.helmsync.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code git daemon} on 127.0.0.1 serving the bare repository {@code repo.git} over {@code
 * git://}, the protocol the agent's end-to-end tests use because it needs no credentials and no web
 * server.
 *
 * <pre>{@code
 * try (GitDaemonFixture git = GitDaemonFixture.start(tempDir)) {
 *   String first = git.commitTree("main", Path.of("config-repo-example"), "initial");
 *   // point the agent at git.url(), then:
 *   String second = git.writeFile("main", "environments/demo.yaml", "replicas: 2\n", "scale");
 *   String third = git.deleteFile("main", "manifests/extra.yaml", "remove extra");
 * }
 * }</pre>
 *
 * <p>The daemon runs with {@code --verbose} into {@link #log()}, so a test can count how often a
 * client connected ({@link #uploadPackRequests()}): an {@code ls-remote} and a fetch are one
 * request each.
 */
public final class GitDaemonFixture implements GitServerFixture {
  private static final Pattern UPLOAD_PACK = Pattern.compile("Request upload-pack for ");

  private final GitTestRepo repo;
  private final GitServerProcess daemon;
  private final Path log;

  private GitDaemonFixture(GitTestRepo repo, GitServerProcess daemon, Path log) {
    this.repo = repo;
    this.daemon = daemon;
    this.log = log;
  }

  /**
   * Creates an empty bare repository {@code <baseDir>/repo.git} and serves {@code baseDir}.
   *
   * @param baseDir a fresh directory, usually a JUnit {@code @TempDir}
   */
  public static GitDaemonFixture start(Path baseDir) {
    GitTestRepo repo = GitTestRepo.create(baseDir.resolve("repo.git"));
    Path log = baseDir.resolve("git-daemon.log");
    GitServerProcess daemon =
        GitServerProcess.start(
            port ->
                List.of(
                    "git",
                    "daemon",
                    "--listen=127.0.0.1",
                    "--port=" + port,
                    "--reuseaddr",
                    "--export-all",
                    "--informative-errors",
                    "--verbose",
                    "--base-path=" + baseDir),
            log);
    return new GitDaemonFixture(repo, daemon, log);
  }

  /** {@code git://127.0.0.1:<port>/repo.git}. */
  @Override
  public String url() {
    return "git://127.0.0.1:" + daemon.port() + "/repo.git";
  }

  /** The port the daemon listens on. */
  public int port() {
    return daemon.port();
  }

  @Override
  public GitTestRepo repo() {
    return repo;
  }

  /** The daemon's log file. */
  public Path log() {
    return log;
  }

  /** How many upload-pack requests (ls-remote or fetch connections) the daemon has served. */
  public int uploadPackRequests() {
    Matcher matcher = UPLOAD_PACK.matcher(GitServerProcess.read(log));
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Override
  public void close() {
    daemon.close();
    repo.close();
  }
}
