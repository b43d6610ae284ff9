package io.helmsync.helmfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code releases:} entry of a helmfile state.
 *
 * @param name release name
 * @param namespace target namespace; empty means the agent's namespace
 * @param chart chart reference as written: a local path, {@code repo/chart} or {@code oci://...}
 * @param version chart version constraint; empty when not given
 * @param values the {@code values:} entries in order: file paths (String) or inline maps
 * @param installed false when the release must be absent from the cluster
 * @param needs releases that must be applied first, as written ({@code name}, {@code ns/name})
 * @param baseDir directory of the state file that declared the release (relative paths start here)
 * @param source the declaring file and index, for messages ({@code helmfile.yaml releases[2]})
 */
public record Release(
    String name,
    String namespace,
    String chart,
    String version,
    List<Object> values,
    boolean installed,
    List<String> needs,
    Path baseDir,
    String source) {

  public Release {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chart, "chart");
    namespace = namespace == null ? "" : namespace;
    version = version == null ? "" : version;
    values = List.copyOf(values);
    needs = List.copyOf(needs);
  }
}
