package io.helmsync.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A classic Helm chart repository served as static files by Debian's {@code lighttpd} on 127.0.0.1
 * behind HTTP basic authentication, as Harbor, Nexus, Artifactory or a private {@code chartmuseum}
 * would serve one: {@code index.yaml} in Helm's shape with the archives' sha256 digests and URLs
 * relative to the repository, and the archives beside it. Every request lands in an access log, so
 * a test can count downloads.
 *
 * <p>When {@code lighttpd} is not installed, {@link #start} skips the calling test with an
 * assumption, unless the environment has {@code CI=true}: there the test fails, because CI must
 * install it ({@code apt-get install -y lighttpd}).
 *
 * <pre>{@code
 * try (LighttpdChartRepositoryFixture repo = LighttpdChartRepositoryFixture.start(tempDir)) {
 *   repo.publish("helpers", "0.1.0", archiveBytes);
 *   // repo.url() needs USERNAME / PASSWORD
 * }
 * }</pre>
 */
public final class LighttpdChartRepositoryFixture implements AutoCloseable {
  /** The user the server accepts. */
  public static final String USERNAME = "chart-reader";

  /** The password the server accepts; distinctive so tests can assert it never leaks. */
  public static final String PASSWORD = "pw-5d81b0c2-charts-never-print-me";

  private static final List<Path> SEARCH = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Pattern ACCESS = Pattern.compile("\"GET (\\S+) HTTP/[^\"]*\" (\\d{3})");

  private final GitServerProcess server;
  private final Path charts;
  private final Path accessLog;
  private final List<Entry> entries = new ArrayList<>();
  private final AtomicInteger markers = new AtomicInteger();

  private LighttpdChartRepositoryFixture(GitServerProcess server, Path charts, Path accessLog) {
    this.server = server;
    this.charts = charts;
    this.accessLog = accessLog;
  }

  /**
   * Serves an empty repository (an {@code index.yaml} without entries) at {@link #url()}.
   *
   * @param baseDir a fresh directory, usually a JUnit {@code @TempDir}
   */
  public static LighttpdChartRepositoryFixture start(Path baseDir) {
    Path lighttpd = requireLighttpd();
    try {
      Path docroot = Files.createDirectories(baseDir.resolve("htdocs"));
      Path charts = Files.createDirectories(docroot.resolve("charts"));
      Path users = baseDir.resolve("lighttpd-users");
      Files.writeString(users, USERNAME + ":" + PASSWORD + "\n");
      Path accessLog = baseDir.resolve("lighttpd-access.log");
      Path errorLog = baseDir.resolve("lighttpd-error.log");
      GitServerProcess server =
          GitServerProcess.start(
              port ->
                  List.of(
                      lighttpd.toString(),
                      "-D",
                      "-f",
                      writeConfig(baseDir, config(docroot, port, users, accessLog, errorLog))
                          .toString()),
              baseDir.resolve("lighttpd.out"));
      LighttpdChartRepositoryFixture fixture =
          new LighttpdChartRepositoryFixture(server, charts, accessLog);
      fixture.writeIndex();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out the chart repository in " + baseDir, e);
    }
  }

  /** {@code http://127.0.0.1:<port>/charts/}, which answers 401 without credentials. */
  public String url() {
    return "http://127.0.0.1:" + server.port() + "/charts/";
  }

  /**
   * Adds {@code <name>-<version>.tgz} to the repository and lists it in {@code index.yaml} with its
   * sha256, as {@code helm repo index} would.
   *
   * @param archive what {@code helm package} made for that name and version
   */
  public void publish(String name, String version, byte[] archive) {
    String file = name + "-" + version + ".tgz";
    try {
      Files.write(charts.resolve(file), archive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    entries.add(
        new Entry(
            name,
            """
          - apiVersion: v2
            created: "2026-11-01T10:00:00Z"
            digest: %s
            name: %s
            urls:
            - %s
            version: %s
        """
                .formatted(sha256(archive), name, file, version)));
    writeIndex();
  }

  /**
   * How many GET requests for {@code path} (e.g. {@code /charts/index.yaml}) the server answered
   * with {@code status}, from its access log. lighttpd would buffer a log file's lines for seconds,
   * so it writes them to a pipe instead; a marker request is made and waited for first, so that
   * every earlier request counts.
   */
  public long requests(String path, int status) {
    String marker = "/charts/access-log-marker-" + markers.incrementAndGet();
    awaitLogged(marker);
    return accessLines().stream()
        .map(ACCESS::matcher)
        .filter(Matcher::find)
        .filter(m -> m.group(1).equals(path) && m.group(2).equals(String.valueOf(status)))
        .count();
  }

  /** The access log as written so far: the requests, with the user name of those that had one. */
  public List<String> accessLines() {
    try {
      return Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + accessLog, e);
    }
  }

  /** Requests {@code marker} without credentials (a 401) and waits for its access log line. */
  private void awaitLogged(String marker) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + marker)).build();
    try {
      CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (accessLines().stream().noneMatch(line -> line.contains(marker))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("lighttpd did not log " + marker + " in " + accessLog);
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the chart repository at " + url(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + accessLog, e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  /** One version of a chart as {@code index.yaml} lists it under {@code entries.<name>}. */
  private record Entry(String name, String yaml) {}

  /** Groups the entries by chart name, in the order published. */
  private void writeIndex() {
    StringBuilder index = new StringBuilder("apiVersion: v1\nentries:\n");
    entries.stream()
        .map(Entry::name)
        .distinct()
        .forEach(
            name -> {
              index.append("  ").append(name).append(":\n");
              entries.stream()
                  .filter(e -> e.name().equals(name))
                  .forEach(e -> index.append(e.yaml()));
            });
    index.append("generated: \"2026-11-03T10:00:00Z\"\n");
    try {
      Files.writeString(charts.resolve("index.yaml"), index);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write index.yaml in " + charts, e);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static Path requireLighttpd() {
    String path = System.getenv().getOrDefault("PATH", "");
    Optional<Path> found =
        Stream.concat(
                SEARCH.stream(),
                Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of))
            .map(dir -> dir.resolve("lighttpd"))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      String message = "lighttpd is not installed; run: apt-get install -y lighttpd";
      if ("true".equals(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true, so this is an error, not a skip)");
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  private static Path writeConfig(Path baseDir, String config) {
    try {
      return Files.writeString(baseDir.resolve("lighttpd-charts.conf"), config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write lighttpd configuration in " + baseDir, e);
    }
  }

  private static String config(Path docroot, int port, Path users, Path accessLog, Path errorLog) {
    return """
    server.document-root = "%s"
    server.bind = "127.0.0.1"
    server.port = %d
    server.errorlog = "%s"
    server.modules = ( "mod_auth", "mod_authn_file", "mod_accesslog" )
    accesslog.filename = "|/bin/cat >> '%s'"
    mimetype.assign = ( ".tgz" => "application/gzip", ".yaml" => "application/yaml" )
    auth.backend = "plain"
    auth.backend.plain.userfile = "%s"
    auth.require = ( "/charts/" => ( "method" => "basic", "realm" => "helmsync-charts", \
    "require" => "valid-user" ) )
    """
        .formatted(docroot, port, errorLog, accessLog, users);
  }
}
