package io.helmsync.template.helmfile;

import io.helmsync.template.golib.GoError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What helmfile's {@code env} and {@code requiredEnv}, and the commands an operator allowed, see of
 * the agent's environment during one load: the names {@code HELMSYNC_ENV_ALLOW} allows, plus the
 * keys of the {@code HELMSYNC_ENV_SECRET} Secret, and never the agent's own configuration or
 * credentials, whatever the allowlist says: those exist to deploy, not to be rendered into objects
 * that anyone with push rights can read back. Reading a name templates may not see is an error, not
 * the empty string of an unset variable, so that a commit that tries learns why it failed.
 *
 * @param variables the process environment with the Secret's keys on top
 * @param secretNames the names whose values come from the Secret: always readable, since their
 *     values are the Secret's and not the agent's, whatever their names
 * @param allowed the operator's allowlist
 */
public record TemplateEnvironment(
    Map<String, String> variables, Set<String> secretNames, EnvAllowlist allowed) {
  /** The setting that lists what templates may read. */
  public static final String ALLOW_SETTING = "HELMSYNC_ENV_ALLOW";

  /**
   * Prefixes of the variables that configure the agent, its JVM and its Kubernetes, AWS and Git
   * clients (Quarkus and SmallRye read any property from the environment).
   */
  private static final List<String> AGENT_PREFIXES =
      List.of("HELMSYNC_", "AWS_", "QUARKUS_", "KUBERNETES_", "SMALLRYE_", "JAVA_", "GIT_");

  /** Single variables the agent's clients read: kubeconfig, JVM options, proxies (with logins). */
  private static final Set<String> AGENT_NAMES =
      Set.of(
          "KUBECONFIG",
          "JDK_JAVA_OPTIONS",
          "_JAVA_OPTIONS",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "ALL_PROXY");

  public TemplateEnvironment {
    variables = Map.copyOf(variables);
    secretNames = Set.copyOf(secretNames);
  }

  /** The variables with the default allowlist and no Secret. */
  public static TemplateEnvironment of(Map<String, String> variables) {
    return new TemplateEnvironment(variables, Set.of(), EnvAllowlist.ALL);
  }

  /**
   * The variable's value, or {@code null} when it is not set.
   *
   * @throws GoError naming the variable, why templates may not read it and how to pass a value
   */
  String read(String name) {
    if (secretNames.contains(name)) {
      return variables.get(name);
    }
    Optional<String> agents = agentRule(name);
    if (agents.isPresent()) {
      throw new GoError(
          name
              + " is the agent's own configuration or credentials ("
              + agents.get()
              + "), which templates never read; pass the value templates need as a "
              + "key of the Secret named by HELMSYNC_ENV_SECRET");
    }
    if (!allowed.allows(name)) {
      throw new GoError(
          name
              + " is not in "
              + ALLOW_SETTING
              + " ("
              + allowed
              + "), so templates "
              + "cannot read it; add it there or pass the value as a key of the Secret named by "
              + "HELMSYNC_ENV_SECRET");
    }
    return variables.get(name);
  }

  /** The variables templates may read, which is all a command an operator allowed is given. */
  Map<String, String> readable() {
    Map<String, String> readable = new LinkedHashMap<>();
    variables.forEach(
        (name, value) -> {
          if (secretNames.contains(name) || agentRule(name).isEmpty() && allowed.allows(name)) {
            readable.put(name, value);
          }
        });
    return readable;
  }

  /**
   * The rule that makes a name the agent's own, if one does. Case is ignored: the configuration
   * library matches names regardless of case, and a template must not get around a rule by it.
   */
  private static Optional<String> agentRule(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (AGENT_NAMES.contains(upper)) {
      return Optional.of(upper);
    }
    return AGENT_PREFIXES.stream().filter(upper::startsWith).findFirst().map(p -> p + "*");
  }
}
