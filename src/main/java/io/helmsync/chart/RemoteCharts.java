package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fetches the charts that releases name remotely: {@code repository/chart} from a helmfile {@code
 * repositories:} entry (a classic Helm repository, or an OCI registry with {@code oci: true}) and
 * {@code oci://registry/path/chart}. Archives are cached on disk by digest and indexes in memory
 * for {@link Options#indexTtl()}; one instance serves the whole process so that both outlive each
 * reconcile.
 */
public final class RemoteCharts {
  private final HttpRepositoryCharts repositories;
  private final OciRegistryCharts registries;

  /**
   * @param cacheDir where downloaded archives are kept, by digest
   * @param indexTtl how long a repository's {@code index.yaml} is reused before it is read again
   * @param timeout for connecting and for each response
   * @param plainHttpRegistries talk {@code http://} to OCI registries (local test registries only)
   */
  public record Options(
      Path cacheDir, Duration indexTtl, Duration timeout, boolean plainHttpRegistries) {
    public static Options defaults() {
      return new Options(
          Path.of(System.getProperty("java.io.tmpdir"), "helmsync", "charts"),
          Duration.ofMinutes(1),
          Duration.ofSeconds(30),
          false);
    }

    public Options withCacheDir(Path dir) {
      return new Options(dir, indexTtl, timeout, plainHttpRegistries);
    }

    public Options withTimeout(Duration value) {
      return new Options(cacheDir, indexTtl, value, plainHttpRegistries);
    }

    public Options withPlainHttpRegistries(boolean value) {
      return new Options(cacheDir, indexTtl, timeout, value);
    }
  }

  public RemoteCharts(Options options) {
    this(options, Clock.systemUTC());
  }

  RemoteCharts(Options options, Clock clock) {
    ChartHttp http = new ChartHttp(options.timeout());
    ChartCache cache = new ChartCache(options.cacheDir());
    this.repositories = new HttpRepositoryCharts(http, cache, options.indexTtl(), clock);
    this.registries = new OciRegistryCharts(http, cache, options.plainHttpRegistries());
  }

  /**
   * @param chart {@code repository/chart} or {@code oci://host/path/chart}
   * @param version the release's version constraint; empty for the newest release
   * @param declared the state's repositories
   * @param where the release, for messages
   * @throws ReconcileException TRANSIENT when a server is down or failing; STALLED when the
   *     repository, chart or version does not exist, credentials are refused, or the archive is not
   *     what its source announced
   */
  public Chart load(String chart, String version, List<ChartRepository> declared, String where) {
    ChartArchiveBytes archive = fetch(chart, version, declared, where);
    return ChartLoader.fromFiles(
        archive.fileName(), ChartArchive.read(archive.fileName(), archive.data(), where), where);
  }

  private ChartArchiveBytes fetch(
      String chart, String version, List<ChartRepository> declared, String where) {
    if (chart.startsWith("oci://")) {
      ChartRepository credentials = registryCredentials(chart, declared);
      if (credentials != null) {
        refuseUnsupported(credentials, where);
      }
      return registries.fetch(chart, version, credentials, where);
    }
    int slash = chart.indexOf('/');
    if (slash <= 0 || slash == chart.length() - 1) {
      throw ReconcileException.stalled(
          where
              + ": chart '"
              + chart
              + "' is neither a local path "
              + "nor repository/chart; fix chart:");
    }
    String name = chart.substring(0, slash);
    ChartRepository repository =
        declared.stream()
            .filter(r -> r.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    ReconcileException.stalled(
                        where
                            + ": chart '"
                            + chart
                            + "' names repository '"
                            + name
                            + "', which repositories: does not declare; declare "
                            + "it, or fix chart: if the chart is meant to be a local path"));
    refuseUnsupported(repository, where);
    String inRepository = chart.substring(slash + 1);
    if (repository.oci()) {
      String base = repository.url().replaceFirst("^oci://", "").replaceAll("/+$", "");
      return registries.fetch("oci://" + base + "/" + inRepository, version, repository, where);
    }
    return repositories.fetch(repository, inRepository, version, where);
  }

  private static void refuseUnsupported(ChartRepository repository, String where) {
    if (repository.skipTlsVerify()) {
      throw ReconcileException.stalled(
          where
              + ": repository '"
              + repository.name()
              + "' sets "
              + "skipTLSVerify, which helmsync refuses; give the repository's CA certificate as caFile "
              + "instead");
    }
    if (repository.clientCertificate()) {
      throw ReconcileException.stalled(
          where
              + ": repository '"
              + repository.name()
              + "' sets "
              + "certFile/keyFile; helmsync does not present client certificates to chart "
              + "repositories, so use username and password");
    }
  }

  /**
   * The {@code oci: true} entry for the reference's registry host, as {@code helm registry login}.
   */
  private static ChartRepository registryCredentials(
      String reference, List<ChartRepository> declared) {
    String host = URI.create("oci://" + reference.substring("oci://".length())).getAuthority();
    Optional<ChartRepository> match =
        declared.stream()
            .filter(ChartRepository::oci)
            .filter(
                r ->
                    host.equals(
                        URI.create("oci://" + r.url().replaceFirst("^oci://", "")).getAuthority()))
            .findFirst();
    return match.orElse(null);
  }
}
