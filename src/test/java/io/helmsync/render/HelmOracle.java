package io.helmsync.render;

import com.marcnuri.helm.Helm;
import io.helmsync.model.YamlDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helm itself as the oracle of the differential tests: {@code helm template} through helm-java, its
 * output split into the parsed documents (comments and empty documents dropped).
 */
final class HelmOracle {
  private HelmOracle() {}

  /**
   * @param kubeVersion {@code .Capabilities.KubeVersion}, or null for helm-java's default
   * @throws IllegalStateException with Helm's error text when Helm refuses the chart or values
   */
  static List<Map<String, Object>> template(
      Path chart, String release, String namespace, Path valuesFile, String kubeVersion) {
    return parse(output(chart, release, namespace, valuesFile, kubeVersion));
  }

  /** {@code helm template}'s text, as {@link #template} takes it before parsing. */
  static String output(
      Path chart, String release, String namespace, Path valuesFile, String kubeVersion) {
    var command =
        new Helm(chart)
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withValuesFile(valuesFile);
    if (kubeVersion != null) {
      command.withKubeVersion(kubeVersion);
    }
    // helm-java answers null, not "", when the chart renders nothing.
    String output = command.call();
    return output == null ? "" : output;
  }

  /** The documents of Helm's output, parsed. */
  static List<Map<String, Object>> parse(String output) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (String document : output.split("(?m)^---\\s*$")) {
      YamlDocuments.parse(document, "helm output").forEach(d -> objects.add(d.content()));
    }
    return objects;
  }
}
