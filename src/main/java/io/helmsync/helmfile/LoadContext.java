package io.helmsync.helmfile;

import io.helmsync.secret.SecretSession;
import io.helmsync.template.helmfile.TemplateEnvironment;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every part of one load shares: the checkout, the environment, the variables and the names of
 * those from the env Secret (asked for once, so that every file sees the same), the secret session,
 * and the readers of templated files.
 */
final class LoadContext {
  private final Path root;
  private final String environment;
  private final StateOptions options;
  private final Map<String, String> variables;
  private final Set<String> secretNames;
  private final SecretSession secrets;
  private final StateTemplates templates;
  private final ValuesLoader values;
  private final ReleaseNamespaces namespaces;

  LoadContext(Path root, String environment, StateOptions options) {
    this.root = root;
    this.environment = environment;
    this.options = options;
    this.variables = Map.copyOf(options.environmentVariables().get());
    this.secretNames = Set.copyOf(options.secretVariables().get());
    this.secrets = options.secrets().session();
    this.templates =
        new StateTemplates(
            root,
            new TemplateEnvironment(variables, secretNames, options.functions().envAllow()),
            options,
            secrets);
    this.values = new ValuesLoader(root, templates);
    this.namespaces = new ReleaseNamespaces(options.namespace());
  }

  Path root() {
    return root;
  }

  String environment() {
    return environment;
  }

  StateOptions options() {
    return options;
  }

  SecretSession secrets() {
    return secrets;
  }

  StateTemplates templates() {
    return templates;
  }

  ValuesLoader values() {
    return values;
  }

  ReleaseNamespaces namespaces() {
    return namespaces;
  }

  /** How messages name {@code file}: relative to the checkout. */
  String display(Path file) {
    return HelmfileLoader.display(root, file);
  }

  /** Values from the env Secret's variables and every secret resolved so far. */
  Set<String> secretValues() {
    Set<String> secret = new HashSet<>();
    for (String name : secretNames) {
      String value = variables.get(name);
      if (value != null && !value.isEmpty()) {
        secret.add(value);
      }
    }
    secret.addAll(secrets.values());
    return secret;
  }
}
