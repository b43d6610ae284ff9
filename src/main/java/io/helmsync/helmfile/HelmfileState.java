package io.helmsync.helmfile;

import io.helmsync.model.Yaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The helmfile state of one environment, as {@code helmfile -e <environment>} would see it.
 *
 * @param environment the environment name
 * @param environmentValues the environment's values, merged in declaration order
 * @param releases every release in declaration order (installed or not)
 * @param root the directory of the top-level state file
 */
public record HelmfileState(
    String environment, Map<String, Object> environmentValues, List<Release> releases, Path root) {

  public HelmfileState {
    Objects.requireNonNull(environment, "environment");
    environmentValues = Yaml.deepCopy(environmentValues);
    releases = List.copyOf(releases);
  }
}
