package io.helmsync.helmfile;

import io.helmsync.model.Yaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A release ready to render: namespace decided, values merged, dependencies resolved to names.
 *
 * @param chart the chart reference as written in the state file
 * @param version the chart version constraint; empty for none
 * @param baseDir the directory relative chart paths start from
 * @param values the release's values, merged in order
 * @param needs names of the installed releases that must be applied first
 * @param labels the release's labels, {@code commonLabels} included
 * @param settings wait, timeout, atomic and the like
 * @param source where the release was declared, for messages
 * @param repositories the state's {@code repositories:}, where remote charts are looked up
 */
public record PlannedRelease(
    String name,
    String namespace,
    String chart,
    String version,
    Path baseDir,
    Map<String, Object> values,
    List<String> needs,
    Map<String, String> labels,
    ReleaseSettings settings,
    String source,
    List<Repository> repositories) {

  public PlannedRelease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    version = version == null ? "" : version;
    values = Yaml.deepCopy(values);
    needs = List.copyOf(needs);
    labels = Map.copyOf(labels);
    settings = settings == null ? ReleaseSettings.HELM_DEFAULTS : settings;
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
  }

  /** A release with Helm's default settings, no version constraint, labels or repositories. */
  public PlannedRelease(
      String name,
      String namespace,
      String chart,
      Path baseDir,
      Map<String, Object> values,
      List<String> needs,
      String source) {
    this(name, namespace, chart, "", baseDir, values, needs, Map.of(), null, source, List.of());
  }
}
