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
 * @param baseDir the directory relative chart paths start from
 * @param values the release's values, merged in order
 * @param needs names of the installed releases that must be applied first
 * @param source where the release was declared, for messages
 */
public record PlannedRelease(
    String name,
    String namespace,
    String chart,
    Path baseDir,
    Map<String, Object> values,
    List<String> needs,
    String source) {

  public PlannedRelease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    values = Yaml.deepCopy(values);
    needs = List.copyOf(needs);
  }
}
