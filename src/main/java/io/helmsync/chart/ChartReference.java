package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a release's {@code chart:} points at, classified as helmfile does: a path that exists (or
 * starts with {@code ./}, {@code ../} or {@code /}) is local, {@code oci://} is an OCI registry,
 * and anything else is {@code repository/chart}.
 *
 * @param kind the kind of chart source
 * @param reference the reference as written
 * @param path the resolved local path; {@code null} for remote charts
 */
public record ChartReference(Kind kind, String reference, Path path) {

  /** Where a chart comes from. */
  public enum Kind {
    /** A local directory of plain manifests (no {@code Chart.yaml}): helmfile accepts those too. */
    MANIFEST_DIRECTORY,
    /** A local Helm chart directory or archive. */
    LOCAL_CHART,
    /** {@code repository/chart} from a helmfile {@code repositories:} entry. */
    REPOSITORY,
    /** {@code oci://registry/path/chart}. */
    OCI
  }

  /**
   * @param baseDir directory of the state file that declared the release
   * @param root repository root; local charts outside it are refused
   * @param source the release, for messages
   */
  public static ChartReference resolve(String chart, Path baseDir, Path root, String source) {
    if (chart.startsWith("oci://")) {
      return new ChartReference(Kind.OCI, chart, null);
    }
    Path path = baseDir.resolve(chart).normalize();
    boolean explicitlyLocal =
        chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/");
    if (!Files.exists(path)) {
      if (explicitlyLocal) {
        throw ReconcileException.stalled(source + ": chart '" + chart + "' does not exist");
      }
      return new ChartReference(Kind.REPOSITORY, chart, null);
    }
    if (!path.startsWith(root)) {
      throw ReconcileException.stalled(
          source
              + ": chart '"
              + chart
              + "' is outside the repository; keep charts in the repository");
    }
    boolean helmChart = Files.isRegularFile(path) || Files.exists(path.resolve("Chart.yaml"));
    return new ChartReference(helmChart ? Kind.LOCAL_CHART : Kind.MANIFEST_DIRECTORY, chart, path);
  }
}
