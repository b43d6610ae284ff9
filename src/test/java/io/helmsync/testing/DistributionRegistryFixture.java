package io.helmsync.testing;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry, 2.8) on 127.0.0.1 over plain
 * HTTP, storing on disk under the test's directory and behind htpasswd authentication: it answers
 * {@code 401} with a {@code Basic} challenge, as a self-hosted registry does. Charts are pushed as
 * Helm pushes them, with helm-java's {@code registry login} and {@code push}. The registry writes
 * an access log line per request, so a test can count downloads.
 *
 * <p>The fixture starts its own process on a free port; the package's system service is not used.
 * When {@code /usr/bin/docker-registry} is missing, {@link #start} skips the calling test with an
 * assumption, unless the environment has {@code CI=true}: there the test fails, because CI must
 * install it ({@code apt-get install -y docker-registry}).
 *
 * <pre>{@code
 * try (DistributionRegistryFixture registry = DistributionRegistryFixture.start(tempDir)) {
 *   registry.push(packagedChart, "charts"); // oci://<registry.host()>/charts/<name>:<version>
 * }
 * }</pre>
 */
public final class DistributionRegistryFixture implements AutoCloseable {
  /** The user the registry accepts. */
  public static final String USERNAME = "chart-pusher";

  /** The password the registry accepts; distinctive so tests can assert it never leaks. */
  public static final String PASSWORD = "pw-e04a7d19-registry-never-print-me";

  private static final Path BINARY = Path.of("/usr/bin/docker-registry");
  private static final Pattern ACCESS = Pattern.compile("\"GET (\\S+) HTTP/[^\"]*\" (\\d{3})");

  private final GitServerProcess server;
  private final Path log;

  private DistributionRegistryFixture(GitServerProcess server, Path log) {
    this.server = server;
    this.log = log;
  }

  /**
   * Starts an empty registry.
   *
   * @param baseDir a fresh directory, usually a JUnit {@code @TempDir}
   */
  public static DistributionRegistryFixture start(Path baseDir) {
    requireRegistry();
    try {
      Files.createDirectories(baseDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + baseDir, e);
    }
    Path htpasswd = baseDir.resolve("registry-htpasswd");
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    write(
        htpasswd,
        USERNAME + ":" + OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 5) + "\n");
    Path storage = baseDir.resolve("registry-storage");
    Path log = baseDir.resolve("registry.log");
    GitServerProcess server =
        GitServerProcess.start(
            port -> {
              Path config = baseDir.resolve("registry-config.yml");
              write(config, config(storage, port, htpasswd));
              return List.of(BINARY.toString(), "serve", config.toString());
            },
            log);
    return new DistributionRegistryFixture(server, log);
  }

  /** {@code 127.0.0.1:<port>}, as OCI references and {@code helm registry login} name it. */
  public String host() {
    return "127.0.0.1:" + server.port();
  }

  /**
   * {@code helm registry login}, {@code helm push <archive> oci://<host>/<repository>} and {@code
   * helm registry logout} over plain HTTP: the chart lands at {@code
   * <repository>/<name>:<version>}. The login is held in Helm's registry configuration of the user
   * running the tests only for the push.
   *
   * @return what {@code helm push} printed: the reference and the manifest's digest
   */
  public String push(Path archive, String repository) {
    Helm.registry()
        .login()
        .withHost(host())
        .withUsername(USERNAME)
        .withPassword(PASSWORD)
        .plainHttp()
        .call();
    try {
      return Helm.push()
          .withChart(archive)
          .withRemote(URI.create("oci://" + host() + "/" + repository))
          .plainHttp()
          .call();
    } finally {
      Helm.registry().logout().withHost(host()).call();
    }
  }

  /**
   * How many GET requests for {@code path} (e.g. {@code /v2/charts/helpers/tags/list}) the registry
   * answered with {@code status}, from its access log.
   */
  public long requests(String path, int status) {
    return GitServerProcess.read(log)
        .lines()
        .map(ACCESS::matcher)
        .filter(Matcher::find)
        .filter(m -> m.group(1).equals(path) && m.group(2).equals(String.valueOf(status)))
        .count();
  }

  /** What the registry logged: requests, and failed logins with the user name. */
  public String log() {
    return GitServerProcess.read(log);
  }

  @Override
  public void close() {
    server.close();
  }

  private static void requireRegistry() {
    if (!Files.isExecutable(BINARY)) {
      String message = BINARY + " is not installed; run: apt-get install -y docker-registry";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true, so this is an error, not a skip)");
      }
      Assumptions.abort(message);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Upload purging and the storage health check are off: neither belongs in a short test. */
  private static String config(Path storage, int port, Path htpasswd) {
    return """
        version: 0.1
        log:
          level: info
          fields:
            service: registry
        storage:
          filesystem:
            rootdirectory: %s
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: 127.0.0.1:%d
          secret: helmsync-test-registry
        auth:
          htpasswd:
            realm: helmsync-test-registry
            path: %s
        """
        .formatted(storage, port, htpasswd);
  }
}
