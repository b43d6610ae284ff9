package io.helmsync.chart;

import io.helmsync.chart.ChartHttp.Request;
import io.helmsync.chart.ChartHttp.Response;
import io.helmsync.chart.RepositoryIndex.ChartVersion;
import io.helmsync.model.ReconcileException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charts from classic Helm repositories: {@code index.yaml} (kept in memory for a short while, so
 * one reconcile of many releases reads it once), the version picked by the release's constraint,
 * the archive downloaded, checked against the index's digest and cached by it.
 */
final class HttpRepositoryCharts {
  private static final String ARCHIVE = "application/gzip, application/octet-stream, */*";

  private final ChartHttp http;
  private final ChartCache cache;
  private final Duration indexTtl;
  private final Clock clock;
  private final Map<String, CachedIndex> indexes = new ConcurrentHashMap<>();

  HttpRepositoryCharts(ChartHttp http, ChartCache cache, Duration indexTtl, Clock clock) {
    this.http = http;
    this.cache = cache;
    this.indexTtl = indexTtl;
    this.clock = clock;
  }

  private record CachedIndex(RepositoryIndex index, Instant fetched) {}

  /** The archive of {@code chart} at the newest version satisfying {@code constraint}. */
  ChartArchiveBytes fetch(
      ChartRepository repository, String chart, String constraint, String where) {
    String what = "repository '" + repository.name() + "' (" + repository.displayUrl() + ")";
    ChartVersion version = index(repository, what, where).select(chart, constraint, what, where);
    if (version.urls().isEmpty()) {
      throw ReconcileException.stalled(
          where
              + ": "
              + what
              + " lists chart '"
              + chart
              + "' "
              + version.version()
              + " without a download URL; fix the repository's index");
    }
    URI url = resolve(repository, version.urls().get(0), where);
    String archive = "chart " + chart + " " + version.version() + " from " + what;
    Optional<String> digest = ChartCache.normalized(version.digest());
    Optional<byte[]> cached = digest.flatMap(cache::get);
    if (cached.isPresent()) {
      return new ChartArchiveBytes(chart + "-" + version.version() + ".tgz", cached.get());
    }
    Response response = http.get(chartRequest(repository, url), repository, archive, where);
    if (!response.ok()) {
      throw ChartHttp.failure(response, archive, where);
    }
    digest.ifPresent(
        expected -> {
          ChartCache.verify(response.body(), expected, archive, where);
          cache.put(expected, response.body());
        });
    return new ChartArchiveBytes(chart + "-" + version.version() + ".tgz", response.body());
  }

  private RepositoryIndex index(ChartRepository repository, String what, String where) {
    String key = repository.url() + " " + Objects.toString(repository.username(), "");
    CachedIndex cached = indexes.get(key);
    Instant now = clock.instant();
    if (cached != null && cached.fetched().plus(indexTtl).isAfter(now)) {
      return cached.index();
    }
    URI url = URI.create(withSlash(repository.url(), where)).resolve("index.yaml");
    String index = "the index of " + what;
    Request request = Request.anonymous(url, "application/yaml, */*");
    if (repository.hasCredentials()) {
      request =
          request.withAuthorization(ChartHttp.basic(repository.username(), repository.password()));
    }
    Response response = http.get(request, repository, index, where);
    if (!response.ok()) {
      throw ChartHttp.failure(response, index, where);
    }
    RepositoryIndex parsed = RepositoryIndex.parse(response.body(), index, where);
    indexes.put(key, new CachedIndex(parsed, now));
    return parsed;
  }

  /**
   * Helm's rule: the repository's credentials go with the archive request when it is on the
   * repository's host, elsewhere only with {@code passCredentials}.
   */
  private static Request chartRequest(ChartRepository repository, URI url) {
    URI base = URI.create(repository.url());
    boolean sameHost =
        Objects.equals(base.getHost(), url.getHost()) && base.getPort() == url.getPort();
    String authorization =
        repository.hasCredentials() && (sameHost || repository.passCredentials())
            ? ChartHttp.basic(repository.username(), repository.password())
            : null;
    return new Request(url, ARCHIVE, authorization, repository.passCredentials());
  }

  /** Helm's {@code ResolveReferenceURL}: relative URLs are relative to the repository's URL. */
  private static URI resolve(ChartRepository repository, String url, String where) {
    try {
      return URI.create(withSlash(repository.url(), where)).resolve(url);
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(
          where
              + ": repository '"
              + repository.name()
              + "' lists a chart URL that is not a URL: "
              + ChartRepository.displayed(url),
          e);
    }
  }

  private static String withSlash(String url, String where) {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw ReconcileException.stalled(
          where
              + ": repository URL '"
              + ChartRepository.displayed(url)
              + "' is not http:// or https://; for an OCI registry set oci: true");
    }
    return url.endsWith("/") ? url : url + "/";
  }
}
