package io.helmsync.chart;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OCI registry in WireMock as the CNCF distribution registry answers Helm: 401 with a Bearer
 * challenge, a token service that wants basic auth, an image manifest whose layer is the chart,
 * blobs by digest and the tag list.
 */
class OciRegistryChartsTest {
  private static final String USER = "pusher";
  private static final String PASSWORD = "r3g-pa55";
  private static final String TOKEN = "token-for-charts-helpers";
  @TempDir static Path packages;
  private static byte[] v010;
  private static byte[] v020;

  @TempDir Path cache;
  private WireMockServer registry;

  @BeforeAll
  static void packageTheFixture() {
    v010 = PackagedCharts.pack("helpers", "0.1.0", packages);
    v020 = PackagedCharts.pack("helpers", "0.2.0", packages);
  }

  @BeforeEach
  void startRegistry() {
    registry = new WireMockServer(options().dynamicPort());
    registry.start();
    String challenge =
        "Bearer realm=\""
            + registry.baseUrl()
            + "/token\",service=\"registry.test\","
            + "scope=\"repository:charts/helpers:pull\"";
    registry.stubFor(
        get(urlPathMatching("/v2/.*"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", challenge)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")));
    registry.stubFor(
        get(urlPathMatching("/v2/.*"))
            .atPriority(5)
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}")));
    registry.stubFor(
        get(urlPathEqualTo("/token"))
            .atPriority(1)
            .withQueryParam("service", equalTo("registry.test"))
            .withQueryParam("scope", equalTo("repository:charts/helpers:pull"))
            .withBasicAuth(USER, PASSWORD)
            .willReturn(okJson("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}")));
    registry.stubFor(
        get(urlPathEqualTo("/token")).atPriority(10).willReturn(aResponse().withStatus(401)));
    push("0.1.0", v010);
    push("0.2.0", v020);
    authorized(
        "/v2/charts/helpers/tags/list",
        okJson("{\"name\":\"charts/helpers\",\"tags\":[\"0.1.0\",\"0.2.0\",\"latest\"]}"));
  }

  @AfterEach
  void stopRegistry() {
    registry.stop();
  }

  /** What {@code helm push} leaves: a manifest with a config blob and the chart layer. */
  private void push(String version, byte[] chart) {
    String digest = "sha256:" + ChartCache.sha256(chart);
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json",
                   "digest":"sha256:%s","size":2},
         "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                    "digest":"%s","size":%d}],
         "annotations":{"org.opencontainers.image.version":"%s"}}
        """
            .formatted(ChartCache.sha256("{}".getBytes()), digest, chart.length, version);
    authorized(
        "/v2/charts/helpers/manifests/" + version,
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", OciRegistryCharts.MANIFEST)
            .withBody(manifest));
    authorized(
        "/v2/charts/helpers/blobs/" + digest,
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/octet-stream")
            .withBody(chart));
  }

  private void authorized(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    registry.stubFor(
        get(urlEqualTo(path))
            .atPriority(1)
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(response));
  }

  private String host() {
    return registry.baseUrl().substring("http://".length());
  }

  private RemoteCharts charts() {
    return new RemoteCharts(
        RemoteCharts.Options.defaults().withCacheDir(cache).withPlainHttpRegistries(true));
  }

  private ChartRepository login(String password) {
    return new ChartRepository(
        "registry", host() + "/charts", USER, password, true, null, false, false, false);
  }

  private int requests(String path) {
    return registry.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount();
  }

  @Test
  void fetchesAnExactVersionThroughTheTokenDanceWithTheRegistrysCredentials() {
    Chart chart =
        charts()
            .load(
                "oci://" + host() + "/charts/helpers",
                "0.1.0",
                List.of(login(PASSWORD)),
                "release web");

    assertThat(chart.metadata()).containsEntry("name", "helpers").containsEntry("version", "0.1.0");
    assertThat(registry.findAll(getRequestedFor(urlPathEqualTo("/token"))))
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).startsWith("Basic "));
  }

  @Test
  void aRepositoryEntryWithOciTrueAndAConstraintPicksTheNewestTag() {
    Chart chart =
        charts().load("registry/helpers", "^0.1 || ^0.2", List.of(login(PASSWORD)), "release web");

    assertThat(chart.metadata()).containsEntry("version", "0.2.0");
  }

  @Test
  void anUnchangedChartIsDownloadedOnce() {
    String blob = "/v2/charts/helpers/blobs/sha256:" + ChartCache.sha256(v010);
    charts().load("registry/helpers", "0.1.0", List.of(login(PASSWORD)), "r");
    charts().load("registry/helpers", "0.1.0", List.of(login(PASSWORD)), "r");

    assertThat(requests(blob)).isEqualTo(1);
    assertThat(requests("/v2/charts/helpers/manifests/0.1.0"))
        .as("tag resolved each time, " + "401 then with the token")
        .isEqualTo(4);
  }

  @Test
  void aWrongPasswordStallsWithoutShowingIt() {
    assertThatThrownBy(
            () -> charts().load("registry/helpers", "0.1.0", List.of(login("nope")), "release web"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("the token service of " + host())
        .hasMessageContaining("refused access (HTTP 401)")
        .message()
        .doesNotContain("nope");
  }

  @Test
  void aMissingVersionStallsListingTheTags() {
    assertThatThrownBy(
            () ->
                charts().load("registry/helpers", "~1.0", List.of(login(PASSWORD)), "release web"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining(
            "no version of chart 'oci://"
                + host()
                + "/charts/helpers' "
                + "satisfies '~1.0' (newest available: 0.2.0, 0.1.0)");
    assertThatThrownBy(
            () ->
                charts().load("registry/helpers", "9.9.9", List.of(login(PASSWORD)), "release web"))
        .hasMessageContaining("helpers 9.9.9 is not in the registry");
  }

  @Test
  void aLayerThatDoesNotMatchItsDigestIsRefused() {
    authorized(
        "/v2/charts/helpers/blobs/sha256:" + ChartCache.sha256(v010),
        aResponse().withStatus(200).withBody(v020));

    assertThatThrownBy(
            () ->
                charts().load("registry/helpers", "0.1.0", List.of(login(PASSWORD)), "release web"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("has digest sha256:" + ChartCache.sha256(v020));
  }
}
