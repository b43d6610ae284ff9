package io.helmsync.render;

import io.helmsync.chart.ChartRepository;
import io.helmsync.helmfile.Repository;
import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.List;

/** The state's {@code repositories:} as the chart sources need them. */
final class ChartRepositories {
  private ChartRepositories() {}

  /**
   * @param root the checkout, which {@code caFile} is relative to
   * @throws ReconcileException STALLED for a {@code caFile} outside the checkout
   */
  static List<ChartRepository> of(List<Repository> repositories, Path root, String where) {
    return repositories.stream().map(repository -> of(repository, root, where)).toList();
  }

  private static ChartRepository of(Repository repository, Path root, String where) {
    Path caFile = null;
    if (repository.caFile() != null) {
      caFile = root.resolve(repository.caFile()).normalize();
      if (!caFile.startsWith(root)) {
        throw ReconcileException.stalled(
            where
                + ": repository '"
                + repository.name()
                + "': caFile "
                + repository.caFile()
                + " is outside the repository; keep it in the "
                + "repository");
      }
    }
    return new ChartRepository(
        repository.name(),
        repository.url(),
        repository.username(),
        repository.password(),
        repository.oci(),
        caFile,
        repository.skipTlsVerify(),
        repository.passCredentials(),
        repository.certFile() != null || repository.keyFile() != null);
  }
}
