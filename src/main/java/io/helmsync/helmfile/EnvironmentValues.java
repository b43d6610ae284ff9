package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The selected environment of a state: which environments its files declare, and the environment's
 * {@code values:} layered in order over those of the files and bases read before, each layer's
 * secret references resolved as it loads, then its SOPS-encrypted {@code secrets:}.
 */
final class EnvironmentValues {
  /** The environment helmfile runs without {@code -e}; it need not be declared. */
  private static final String DEFAULT_ENVIRONMENT = "default";

  private final LoadContext context;

  EnvironmentValues(LoadContext context) {
    this.context = context;
  }

  /** Reads the {@code environments:} of one document of {@code name} into the layer. */
  void read(Map<String, Object> content, Path dir, String name, StateLayer layer) {
    String environment = context.environment();
    Map<String, Object> environments =
        StateKeys.map(content.get("environments"), name, "environments");
    layer.declaredEnvironments.addAll(environments.keySet());
    if (!environments.containsKey(environment)) {
      return;
    }
    String where = name + " environments." + environment;
    Map<String, Object> spec =
        StateKeys.map(environments.get(environment), name, "environments." + environment);
    HelmfileKeys.ENVIRONMENT.check(spec, name, "environments." + environment + ".");
    MissingFileHandler handler = MissingFileHandler.parse(spec.get("missingFileHandler"), where);
    MissingFileHandler missing = handler != null ? handler : layer.missingFileHandler;
    // Resolved as each layer loads, so that later layers' templates see the secrets (helmfile
    // evaluates environment values with vals the same way); resolved layers hold no references.
    layer.environmentValues =
        context
            .values()
            .layers(
                StateKeys.list(spec.get("values"), where, "values"),
                dir,
                layer.environmentValues,
                layer::dataWithEnvironmentValues,
                missing,
                where)
            .stream()
            .map(loaded -> context.secrets().resolveValues(loaded, where + " values"))
            .toList();
    // helmfile merges the decrypted secrets files over the environment's values.
    layer.environmentValues =
        Stream.concat(
                layer.environmentValues.stream(),
                context
                    .values()
                    .secretLayers(
                        StateKeys.list(spec.get("secrets"), where, "secrets"),
                        dir,
                        missing,
                        where + " secrets",
                        context.secrets())
                    .stream())
            .toList();
  }

  /** Whether the state (with its bases) declares the environment, or needs not: the default. */
  boolean isDeclared(StateLayer layer) {
    String environment = context.environment();
    return DEFAULT_ENVIRONMENT.equals(environment)
        || layer.declaredEnvironments.contains(environment);
  }

  /** Fails unless the state file {@code name} (with its bases) declares the environment. */
  void requireDeclared(StateLayer layer, String name) {
    String environment = context.environment();
    if (!isDeclared(layer)) {
      throw ReconcileException.stalled(
          name
              + ": environment '"
              + environment
              + "' is not defined; defined environments: "
              + new TreeSet<>(layer.declaredEnvironments)
              + ". Add it under environments: (or in a base) or set HELMSYNC_ENVIRONMENT");
    }
  }
}
