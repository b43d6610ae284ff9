package io.helmsync.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.Repository;
import io.helmsync.model.Manifest;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.render.RenderedRelease;
import io.helmsync.testing.DistributionRegistryFixture;
import io.helmsync.testing.LighttpdChartRepositoryFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * helmsync's remote chart sources against real servers on 127.0.0.1 rather than WireMock: a classic
 * chart repository served by lighttpd behind basic auth, and Debian's CNCF distribution registry
 * behind htpasswd auth, to which helm-java pushed the chart. Each renders a release whose chart is
 * found by name and version constraint with the repository's credentials, reads the archive from
 * the cache on the second render, and refuses a wrong password clearly.
 */
class RealChartServersIT {
  private static final String CHART = "helpers";
  private static final List<String> VERSIONS = List.of("0.1.0", "0.1.1", "0.2.0");
  private static final String WRONG_PASSWORD = "wrong-pw-3b1d";

  @TempDir static Path work;

  /** {@code helm package} of the fixture chart at {@code version}, under {@link #work}. */
  static Path packaged(String version) {
    Path archive = work.resolve("packages").resolve(CHART + "-" + version + ".tgz");
    if (!Files.exists(archive)) {
      PackagedCharts.pack(CHART, version, work);
    }
    return archive;
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RemoteCharts remoteCharts(Path cache, boolean plainHttpRegistries) {
    return new RemoteCharts(
        RemoteCharts.Options.defaults()
            .withCacheDir(cache)
            .withTimeout(Duration.ofSeconds(10))
            .withPlainHttpRegistries(plainHttpRegistries));
  }

  /**
   * @param repository the state's only repository; null for none
   */
  static RenderedRelease render(
      RemoteCharts charts, String chart, String version, Repository repository, Path root) {
    PlannedRelease release =
        new PlannedRelease(
            "web",
            "demo",
            chart,
            version,
            root,
            Map.of(),
            List.of(),
            Map.of(),
            null,
            "release web",
            repository == null ? List.of() : List.of(repository));
    return new HelmChartRenderer(ChartContext.offline(), charts).render(release, root);
  }

  /** The {@code helm.sh/chart} label of the rendered Deployment: which chart version rendered. */
  @SuppressWarnings("unchecked")
  static String renderedChartLabel(RenderedRelease rendered) {
    Manifest deployment =
        rendered.manifests().stream()
            .filter(m -> "Deployment".equals(m.body().get("kind")))
            .findFirst()
            .orElseThrow();
    Map<String, Object> metadata = (Map<String, Object>) deployment.body().get("metadata");
    return ((Map<String, String>) metadata.get("labels")).get("helm.sh/chart");
  }

  /** Milliseconds that {@code action} took. */
  static long millis(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class HttpRepository {
    private LighttpdChartRepositoryFixture server;

    @BeforeAll
    void startRepository() {
      server = LighttpdChartRepositoryFixture.start(work.resolve("http-repository"));
      for (String version : VERSIONS) {
        server.publish(CHART, version, bytes(packaged(version)));
      }
    }

    @AfterAll
    void stopRepository() {
      if (server != null) {
        server.close();
      }
    }

    private Repository acme(String username, String password) {
      return new Repository(
          "acme", server.url(), username, password, false, null, null, null, false, false);
    }

    @Test
    void aConstraintPicksTheNewestMatchingVersionWithTheCredentialsAndRendersIt(
        @TempDir Path cache, @TempDir Path root) {
      long before = server.requests("/charts/helpers-0.1.1.tgz", 200);

      RenderedRelease rendered =
          render(
              remoteCharts(cache, false),
              "acme/helpers",
              "~0.1",
              acme(
                  LighttpdChartRepositoryFixture.USERNAME, LighttpdChartRepositoryFixture.PASSWORD),
              root);

      assertThat(renderedChartLabel(rendered))
          .as("~0.1 is 0.1.x: 0.1.1, not 0.2.0")
          .isEqualTo("helpers-0.1.1");
      assertThat(server.requests("/charts/helpers-0.1.1.tgz", 200) - before).isEqualTo(1);
      assertThat(server.accessLines())
          .filteredOn(l -> l.contains("/charts/helpers-0.1.1.tgz"))
          .last()
          .asString()
          .as("the download was authenticated")
          .contains(" " + LighttpdChartRepositoryFixture.USERNAME + " [");
    }

    @Test
    void theSecondRenderReadsTheArchiveFromTheCache(@TempDir Path cache, @TempDir Path root) {
      Repository acme =
          acme(LighttpdChartRepositoryFixture.USERNAME, LighttpdChartRepositoryFixture.PASSWORD);
      long indexBefore = server.requests("/charts/index.yaml", 200);
      long archiveBefore = server.requests("/charts/helpers-0.2.0.tgz", 200);

      long first = millis(() -> render(remoteCharts(cache, false), "acme/helpers", "", acme, root));
      RenderedRelease[] second = new RenderedRelease[1];
      long cached =
          millis(
              () -> second[0] = render(remoteCharts(cache, false), "acme/helpers", "", acme, root));

      assertThat(renderedChartLabel(second[0])).isEqualTo("helpers-0.2.0");
      assertThat(server.requests("/charts/helpers-0.2.0.tgz", 200) - archiveBefore)
          .as("archive downloads: the second render, in a new process, uses the cache")
          .isEqualTo(1);
      assertThat(server.requests("/charts/index.yaml", 200) - indexBefore)
          .as("index reads: one per process")
          .isEqualTo(2);
      System.out.printf(
          "chart repository on lighttpd: first render %d ms, cached %d ms%n", first, cached);
    }

    @Test
    void aWrongOrMissingPasswordStallsNamingTheRepositoryAndNeverShowingThePassword(
        @TempDir Path cache, @TempDir Path root) {
      RemoteCharts charts = remoteCharts(cache, false);

      assertThatThrownBy(
              () ->
                  render(
                      charts,
                      "acme/helpers",
                      "~0.1",
                      acme(LighttpdChartRepositoryFixture.USERNAME, WRONG_PASSWORD),
                      root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessage(
              "release web: the index of repository 'acme' ("
                  + server.url()
                  + ") refused access (HTTP 401); check the repository's username and password")
          .message()
          .doesNotContain(WRONG_PASSWORD)
          .doesNotContain(LighttpdChartRepositoryFixture.PASSWORD);
      assertThatThrownBy(() -> render(charts, "acme/helpers", "~0.1", acme(null, null), root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining("refused access (HTTP 401)");
      assertThat(cache).isEmptyDirectory();
    }

    @Test
    void anUnknownChartOrVersionStallsListingWhatTheRepositoryHas(
        @TempDir Path cache, @TempDir Path root) {
      RemoteCharts charts = remoteCharts(cache, false);
      Repository acme =
          acme(LighttpdChartRepositoryFixture.USERNAME, LighttpdChartRepositoryFixture.PASSWORD);

      assertThatThrownBy(() -> render(charts, "acme/nginx", "", acme, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining("chart 'nginx' is not in repository 'acme'")
          .hasMessageContaining("charts there: helpers");
      assertThatThrownBy(() -> render(charts, "acme/helpers", "~1.0", acme, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining("satisfies '~1.0'")
          .hasMessageContaining("newest available: 0.2.0, 0.1.1, 0.1.0");
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OciRegistry {
    private DistributionRegistryFixture registry;

    @BeforeAll
    void startRegistryAndPush() {
      registry = DistributionRegistryFixture.start(work.resolve("registry"));
      for (String version : VERSIONS) {
        assertThat(registry.push(packaged(version), "charts"))
            .contains("Pushed: " + registry.host() + "/charts/helpers:" + version);
      }
    }

    @AfterAll
    void stopRegistry() {
      if (registry != null) {
        registry.close();
      }
    }

    private Repository login(String username, String password) {
      return new Repository(
          "registry",
          registry.host() + "/charts",
          username,
          password,
          true,
          null,
          null,
          null,
          false,
          false);
    }

    private String blob(String version) {
      return "/v2/charts/helpers/blobs/sha256:" + ChartCache.sha256(bytes(packaged(version)));
    }

    @Test
    void anOciReferenceWithAConstraintPicksTheNewestMatchingTagWithTheLogin(
        @TempDir Path cache, @TempDir Path root) {
      long before = registry.requests(blob("0.1.1"), 200);

      RenderedRelease rendered =
          render(
              remoteCharts(cache, true),
              "oci://" + registry.host() + "/charts/helpers",
              "~0.1",
              login(DistributionRegistryFixture.USERNAME, DistributionRegistryFixture.PASSWORD),
              root);

      assertThat(renderedChartLabel(rendered))
          .as("~0.1 is 0.1.x: 0.1.1, not 0.2.0")
          .isEqualTo("helpers-0.1.1");
      assertThat(registry.requests(blob("0.1.1"), 200) - before).isEqualTo(1);
    }

    @Test
    void aRepositoryEntryWithOciTrueRendersTheNewestTagAndTheSecondRenderUsesTheCache(
        @TempDir Path cache, @TempDir Path root) {
      Repository login =
          login(DistributionRegistryFixture.USERNAME, DistributionRegistryFixture.PASSWORD);
      long blobBefore = registry.requests(blob("0.2.0"), 200);
      long manifestBefore = registry.requests("/v2/charts/helpers/manifests/0.2.0", 200);

      long first =
          millis(() -> render(remoteCharts(cache, true), "registry/helpers", "", login, root));
      RenderedRelease[] second = new RenderedRelease[1];
      long cached =
          millis(
              () ->
                  second[0] =
                      render(remoteCharts(cache, true), "registry/helpers", "", login, root));

      assertThat(renderedChartLabel(second[0])).isEqualTo("helpers-0.2.0");
      assertThat(registry.requests(blob("0.2.0"), 200) - blobBefore)
          .as("layer downloads: the second render, in a new process, uses the cache")
          .isEqualTo(1);
      assertThat(registry.requests("/v2/charts/helpers/manifests/0.2.0", 200) - manifestBefore)
          .as("the tag is resolved on every render")
          .isEqualTo(2);
      System.out.printf("distribution registry: first render %d ms, cached %d ms%n", first, cached);
    }

    @Test
    void aWrongPasswordStallsNamingTheRegistryAndNeverShowingThePassword(
        @TempDir Path cache, @TempDir Path root) {
      RemoteCharts charts = remoteCharts(cache, true);

      assertThatThrownBy(
              () ->
                  render(
                      charts,
                      "registry/helpers",
                      "~0.1",
                      login(DistributionRegistryFixture.USERNAME, WRONG_PASSWORD),
                      root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessage(
              "release web: the tags of oci://"
                  + registry.host()
                  + "/charts/helpers "
                  + "refused access (HTTP 401); check the repository's username and password")
          .message()
          .doesNotContain(WRONG_PASSWORD)
          .doesNotContain(DistributionRegistryFixture.PASSWORD);
      assertThat(registry.log())
          .as("the registry saw the user's failed login")
          .contains(
              "error authenticating user \\\"" + DistributionRegistryFixture.USERNAME + "\\\"");
      assertThatThrownBy(
              () ->
                  render(
                      charts, "oci://" + registry.host() + "/charts/helpers", "0.1.0", null, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining(
              "the registry "
                  + registry.host()
                  + " asks for credentials; "
                  + "declare it in repositories: with oci: true");
      assertThat(cache).isEmptyDirectory();
    }

    @Test
    void anUnknownChartOrVersionStallsListingTheTags(@TempDir Path cache, @TempDir Path root) {
      RemoteCharts charts = remoteCharts(cache, true);
      Repository login =
          login(DistributionRegistryFixture.USERNAME, DistributionRegistryFixture.PASSWORD);

      assertThatThrownBy(() -> render(charts, "registry/nginx", "~1.0", login, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessage(
              "release web: chart 'oci://"
                  + registry.host()
                  + "/charts/nginx' is not in "
                  + "the registry; check the chart name");
      assertThatThrownBy(() -> render(charts, "registry/helpers", "~1.0", login, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining("satisfies '~1.0' (newest available: 0.2.0, 0.1.1, 0.1.0)");
      assertThatThrownBy(() -> render(charts, "registry/helpers", "9.9.9", login, root))
          .isInstanceOfSatisfying(
              ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
          .hasMessageContaining("helpers 9.9.9 is not in the registry");
    }
  }
}
