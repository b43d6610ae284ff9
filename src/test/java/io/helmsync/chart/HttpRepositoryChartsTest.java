package io.helmsync.chart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.unauthorized;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Helm chart repository in WireMock serving an {@code index.yaml} in Helm's shape and archives
 * made by {@code helm package}: version selection, basic auth, digests, the cache and the errors.
 */
class HttpRepositoryChartsTest {
  private static final String USER = "deployer";
  private static final String PASSWORD = "s3cr3t-pa55";
  @TempDir static Path packages;
  private static byte[] v010;
  private static byte[] v020;

  @TempDir Path cache;
  private WireMockServer server;

  @BeforeAll
  static void packageTheFixture() {
    v010 = PackagedCharts.pack("helpers", "0.1.0", packages);
    v020 = PackagedCharts.pack("helpers", "0.2.0", packages);
  }

  @BeforeEach
  void startRepository() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    serveIndex(index(ChartCache.sha256(v010), ChartCache.sha256(v020)));
    serve("/charts/helpers-0.1.0.tgz", v010);
    serve("/charts/helpers-0.2.0.tgz", v020);
    server.stubFor(get(urlEqualTo("/charts/helpers-0.3.0-rc.1.tgz")).willReturn(ok()));
  }

  @AfterEach
  void stopRepository() {
    server.stop();
  }

  /** Helm's index shape; 0.2.0's URL is absolute, the others relative to the repository. */
  private String index(String digest010, String digest020) {
    return """
        apiVersion: v1
        entries:
          helpers:
          - apiVersion: v2
            appVersion: 3.2.1
            created: "2026-11-01T10:00:00Z"
            digest: %s
            name: helpers
            urls:
            - charts/helpers-0.1.0.tgz
            version: 0.1.0
          - apiVersion: v2
            created: "2026-11-03T10:00:00Z"
            digest: abababababababababababababababababababababababababababababababab
            name: helpers
            urls:
            - charts/helpers-0.3.0-rc.1.tgz
            version: 0.3.0-rc.1
          - apiVersion: v2
            appVersion: 3.2.1
            created: "2026-11-02T10:00:00Z"
            digest: %s
            name: helpers
            urls:
            - %s/charts/helpers-0.2.0.tgz
            version: 0.2.0
        generated: "2026-11-03T10:00:00Z"
        """
        .formatted(digest010, digest020, server.baseUrl());
  }

  private void serveIndex(String index) {
    server.stubFor(
        get(urlEqualTo("/index.yaml"))
            .atPriority(1)
            .withBasicAuth(USER, PASSWORD)
            .willReturn(ok(index).withHeader("Content-Type", "application/yaml")));
    server.stubFor(get(urlEqualTo("/index.yaml")).atPriority(10).willReturn(unauthorized()));
  }

  private void serve(String path, byte[] archive) {
    server.stubFor(
        get(urlEqualTo(path))
            .atPriority(1)
            .withBasicAuth(USER, PASSWORD)
            .willReturn(ok().withBody(archive)));
    server.stubFor(get(urlEqualTo(path)).atPriority(10).willReturn(unauthorized()));
  }

  private RemoteCharts charts() {
    return new RemoteCharts(
        RemoteCharts.Options.defaults().withCacheDir(cache).withTimeout(Duration.ofSeconds(5)));
  }

  private ChartRepository repository(String password) {
    return new ChartRepository(
        "acme", server.baseUrl() + "/", USER, password, false, null, false, false, false);
  }

  private Chart load(RemoteCharts charts, String version) {
    return charts.load("acme/helpers", version, List.of(repository(PASSWORD)), "release web");
  }

  private int requests(String path) {
    return server.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount();
  }

  @Test
  void picksTheNewestVersionThatSatisfiesTheConstraintWithTheRepositorysCredentials() {
    RemoteCharts charts = charts();

    assertThat(load(charts, "~0.1").metadata()).containsEntry("version", "0.1.0");
    assertThat(load(charts, "").metadata())
        .as("newest release, not the rc")
        .containsEntry("version", "0.2.0");
    assertThatThrownBy(() -> load(charts, ">=0.3.0-0"))
        .as("an rc when asked for (whose " + "archive is broken)")
        .hasMessageContaining("chart helpers 0.3.0-rc.1 from repository");
  }

  @Test
  void anUnchangedChartIsDownloadedOnceAndTheIndexReadOncePerTtl() {
    RemoteCharts charts = charts();
    Chart first = load(charts, "0.1.0");
    Chart second = load(charts, "0.1.0");
    Chart afterRestart = load(charts(), "0.1.0");

    assertThat(second.templates()).isEqualTo(first.templates());
    assertThat(afterRestart.templates()).isEqualTo(first.templates());
    assertThat(requests("/charts/helpers-0.1.0.tgz")).as("archive downloads").isEqualTo(1);
    assertThat(requests("/index.yaml"))
        .as("index reads: one per process within the TTL")
        .isEqualTo(2);
  }

  /**
   * The JDK's client offers plain-HTTP servers an upgrade to HTTP/2 ({@code h2c}); lighttpd takes
   * it and its 401 then reaches the client as a dropped connection, so a wrong password looked like
   * an unreachable repository. Helm speaks HTTP/1.1 to {@code http://} repositories, and so does
   * helmsync.
   */
  @Test
  void plainHttpRepositoriesAreAskedInHttp11WithoutAnUpgradeToHttp2() {
    load(charts(), "0.1.0");

    assertThat(server.findAll(getRequestedFor(urlEqualTo("/index.yaml"))))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.containsHeader("Upgrade")).as("Upgrade header").isFalse())
        .allSatisfy(r -> assertThat(r.containsHeader("HTTP2-Settings")).isFalse());
  }

  @Test
  void aMissingVersionStallsNamingRepositoryChartConstraintAndWhatExists() {
    assertThatThrownBy(() -> load(charts(), ">=5.0.0"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("release web: no version of chart 'helpers' in repository 'acme'")
        .hasMessageContaining("satisfies '>=5.0.0'")
        .hasMessageContaining("newest available: 0.3.0-rc.1, 0.2.0, 0.1.0");
    assertThatThrownBy(() -> charts().load("acme/nginx", "", List.of(repository(PASSWORD)), "r"))
        .hasMessageContaining("chart 'nginx' is not in repository 'acme'")
        .hasMessageContaining("charts there: helpers");
  }

  @Test
  void anArchiveThatDoesNotMatchItsDigestIsRefusedAndNotCached() {
    serveIndex(index(ChartCache.sha256(v020), ChartCache.sha256(v020)));

    assertThatThrownBy(() -> load(charts(), "0.1.0"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("chart helpers 0.1.0 from repository 'acme'")
        .hasMessageContaining("has digest sha256:" + ChartCache.sha256(v010))
        .hasMessageContaining("announced sha256:" + ChartCache.sha256(v020));
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void aRejectedPasswordStallsAndIsNeverShown() {
    assertThatThrownBy(() -> charts().load("acme/helpers", "", List.of(repository("wrong")), "r"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("refused access (HTTP 401)")
        .message()
        .doesNotContain("wrong")
        .doesNotContain(PASSWORD);
  }

  @Test
  void aFailingRepositoryIsTransientAndTheNextAttemptSucceeds() {
    server.stubFor(
        get(urlEqualTo("/index.yaml"))
            .atPriority(0)
            .inScenario("outage")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("back"));
    RemoteCharts charts = charts();

    assertThatThrownBy(() -> load(charts, "0.1.0"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("the index of repository 'acme'")
        .hasMessageContaining("answered HTTP 503; retrying");
    assertThat(load(charts, "0.1.0").metadata()).containsEntry("version", "0.1.0");
  }

  @Test
  void anUnreachableRepositoryIsTransient() {
    ChartRepository down =
        new ChartRepository(
            "down", "http://127.0.0.1:1/charts", null, null, false, null, false, false, false);

    assertThatThrownBy(() -> charts().load("down/helpers", "", List.of(down), "release web"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("is unreachable");
  }

  @Test
  void settingsHelmsyncDoesNotHonourStopOnlyTheReleasesThatUseTheRepository() {
    ChartRepository insecure =
        new ChartRepository(
            "insecure", server.baseUrl(), null, null, false, null, true, false, false);
    ChartRepository mtls =
        new ChartRepository("mtls", server.baseUrl(), null, null, false, null, false, false, true);
    List<ChartRepository> declared = List.of(repository(PASSWORD), insecure, mtls);

    assertThat(charts().load("acme/helpers", "0.1.0", declared, "r").metadata())
        .containsEntry("version", "0.1.0");
    assertThatThrownBy(() -> charts().load("insecure/helpers", "", declared, "release web"))
        .hasMessageContaining("repository 'insecure' sets skipTLSVerify, which helmsync refuses");
    assertThatThrownBy(() -> charts().load("mtls/helpers", "", declared, "release web"))
        .hasMessageContaining("repository 'mtls' sets certFile/keyFile");
  }

  @Test
  void credentialsGoToAnotherHostOnlyWithPassCredentials() {
    String otherHost = server.baseUrl().replace("localhost", "127.0.0.1");
    server.stubFor(get(urlEqualTo("/elsewhere/helpers-0.1.0.tgz")).willReturn(ok().withBody(v010)));
    serveIndex(
        index(ChartCache.sha256(v010), ChartCache.sha256(v020))
            .replace("charts/helpers-0.1.0.tgz", otherHost + "/elsewhere/helpers-0.1.0.tgz"));
    ChartRepository passing =
        new ChartRepository(
            "acme", server.baseUrl(), USER, PASSWORD, false, null, false, true, false);

    load(charts(), "0.1.0");
    new RemoteCharts(RemoteCharts.Options.defaults().withCacheDir(cache.resolve("other")))
        .load("acme/helpers", "0.1.0", List.of(passing), "r");

    List<LoggedRequest> downloads =
        server.findAll(getRequestedFor(urlEqualTo("/elsewhere/helpers-0.1.0.tgz")));
    assertThat(downloads)
        .extracting(r -> r.containsHeader("Authorization"))
        .containsExactly(false, true);
  }
}
