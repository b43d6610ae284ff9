package io.helmsync.helmfile;

import io.helmsync.secret.SecretResolver;
import io.helmsync.template.helmfile.HelmfileFunctions;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How a helmfile state is read.
 *
 * @param stateFile the top-level state file, relative to the repository root
 * @param namespace the agent's namespace: helmfile's {@code --namespace}, so {@code .Namespace} in
 *     templates and the namespace of releases that name none
 * @param gotmplOnly helmfile v1 behaviour: only {@code *.gotmpl} state files are templates; v0
 *     (false, the default) renders every state file
 * @param environmentVariables what {@code env} and {@code requiredEnv} read, asked for once per
 *     load so that a changed Secret is seen on the next reconcile
 * @param secretVariables names of the variables whose values are secret (from the env Secret):
 *     masked in {@code build} output and never logged
 * @param secrets where vals references ({@code ref+awssecrets://}) in environment values, release
 *     values and the templates' {@code fetchSecretValue}/{@code expandSecretRefs} are resolved
 * @param functions commands templates may run and for how long, and which variables {@code env} and
 *     {@code requiredEnv} may read
 */
public record StateOptions(
    String stateFile,
    String namespace,
    boolean gotmplOnly,
    Supplier<Map<String, String>> environmentVariables,
    Supplier<Set<String>> secretVariables,
    SecretResolver secrets,
    HelmfileFunctions.Options functions) {

  public StateOptions {
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** helmfile v0 defaults with the given variables, no secret backend and no commands. */
  public static StateOptions of(String stateFile, String namespace, Map<String, String> variables) {
    return new StateOptions(
        stateFile,
        namespace,
        false,
        () -> variables,
        Set::of,
        SecretResolver.unconfigured(),
        HelmfileFunctions.Options.defaults());
  }

  public StateOptions withSecrets(SecretResolver resolver) {
    return new StateOptions(
        stateFile,
        namespace,
        gotmplOnly,
        environmentVariables,
        secretVariables,
        resolver,
        functions);
  }

  public StateOptions withSecretVariables(Supplier<Set<String>> names) {
    return new StateOptions(
        stateFile, namespace, gotmplOnly, environmentVariables, names, secrets, functions);
  }

  public StateOptions withFunctions(HelmfileFunctions.Options options) {
    return new StateOptions(
        stateFile, namespace, gotmplOnly, environmentVariables, secretVariables, secrets, options);
  }

  public StateOptions withGotmplOnly(boolean only) {
    return new StateOptions(
        stateFile, namespace, only, environmentVariables, secretVariables, secrets, functions);
  }
}
