package io.helmsync.render;

import com.marcnuri.helm.Helm;
import io.helmsync.model.YamlDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helm itself as the oracle of the differential tests: {@code helm template} through helm-java,
 * its output split into the parsed documents (comments and empty documents dropped).
 */
final class HelmOracle {
  private HelmOracle() {}

  /**
   * @param kubeVersion {@code .Capabilities.KubeVersion}, or null for helm-java's default
   * @throws IllegalStateException with Helm's error text when Helm refuses the chart or values
   */
  static List<Map<String, Object>> template(Path chart, String release, String namespace,
      Path valuesFile, String kubeVersion) {
    var command = new Helm(chart).template().withName(release).withNamespace(namespace)
        .withValuesFile(valuesFile);
    if (kubeVersion != null) {
      command.withKubeVersion(kubeVersion);
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    // helm-java answers null, not "", when the chart renders nothing.
    String output = command.call();
    for (String document : output == null ? new String[0] : output.split("(?m)^---\\s*$")) {
      YamlDocuments.parse(document, "helm output").forEach(d -> objects.add(d.content()));
    }
    return objects;
  }
}
