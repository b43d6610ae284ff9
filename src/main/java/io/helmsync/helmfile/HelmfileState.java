package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.secret.Redaction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The helmfile state of one environment, as {@code helmfile -e <environment>} would see it.
 *
 * @param environment the environment name
 * @param environmentValues the top-level state's environment values ({@code .Values})
 * @param releases every release in helmfile's order: nested helmfiles' first, then the state's own,
 *     each in declaration order (installed or not)
 * @param repositories the chart repositories of all state files
 * @param root the repository root
 * @param secretValues values that must never be shown (from the env Secret and resolved secret
 *     references); {@code build} output and load and render errors mask them
 */
public record HelmfileState(
    String environment,
    Map<String, Object> environmentValues,
    List<Release> releases,
    List<Repository> repositories,
    Path root,
    Set<String> secretValues) {

  public HelmfileState {
    Objects.requireNonNull(environment, "environment");
    environmentValues = Yaml.deepCopy(environmentValues);
    releases = List.copyOf(releases);
    repositories = List.copyOf(repositories);
    secretValues = Set.copyOf(secretValues);
  }

  /** A state with releases only, for planning tests and simple callers. */
  public HelmfileState(
      String environment,
      Map<String, Object> environmentValues,
      List<Release> releases,
      Path root) {
    this(environment, environmentValues, releases, List.of(), root, Set.of());
  }

  /**
   * The error of a later stage (plan, render) with this state's secret values masked, since a
   * chart's {@code fail} or {@code required} message may quote a value it was given.
   */
  public ReconcileException withoutSecrets(ReconcileException error) {
    return Redaction.of(secretValues).mask(error);
  }
}
