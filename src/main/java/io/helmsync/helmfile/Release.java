package io.helmsync.helmfile;

import io.helmsync.model.Yaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One release of a loaded helmfile state, its values resolved.
 *
 * @param name release name
 * @param namespace target namespace; empty means the agent's namespace
 * @param chart chart reference as written: a local path, {@code repo/chart} or {@code oci://...}
 * @param version chart version constraint; empty when not given
 * @param values the merged values: files and inline maps in order, then {@code set} and {@code
 *     setString}
 * @param installed false when the release must be absent from the cluster ({@code installed:
 *     false}, or a {@code condition} that is false)
 * @param needs releases that must be applied first, as written ({@code name}, {@code ns/name})
 * @param labels {@code commonLabels} and the release's own labels
 * @param settings wait, timeout, atomic and the like, after {@code helmDefaults}
 * @param baseDir directory of the state file that declared the release (relative paths start here)
 * @param source the declaring file and index, for messages ({@code helmfile.yaml releases[2]})
 */
public record Release(
    String name,
    String namespace,
    String chart,
    String version,
    Map<String, Object> values,
    boolean installed,
    List<String> needs,
    Map<String, String> labels,
    ReleaseSettings settings,
    Path baseDir,
    String source) {

  public Release {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chart, "chart");
    namespace = namespace == null ? "" : namespace;
    version = version == null ? "" : version;
    values = Yaml.deepCopy(values);
    needs = List.copyOf(needs);
    labels = Map.copyOf(labels);
    settings = settings == null ? ReleaseSettings.HELM_DEFAULTS : settings;
  }
}
