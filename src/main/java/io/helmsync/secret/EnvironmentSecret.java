package io.helmsync.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ReconcileException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables helmfile's {@code env} and {@code requiredEnv} read: the agent's own environment,
 * overlaid with the keys of a Secret in its namespace ({@code HELMSYNC_ENV_SECRET}), so that values
 * such as {@code REGISTRY_PASSWORD} live in the cluster rather than in Git. The Secret is read on
 * every load, so an updated Secret is seen by the next reconcile; its values are secret.
 */
public final class EnvironmentSecret {
  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public EnvironmentSecret(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** The process environment with the Secret's keys on top. */
  public Map<String, String> variables(Map<String, String> processEnvironment) {
    Map<String, String> variables = new LinkedHashMap<>(processEnvironment);
    variables.putAll(secretData());
    return variables;
  }

  /** The names whose values come from the Secret. */
  public Set<String> secretNames() {
    return secretData().keySet();
  }

  private Map<String, String> secretData() {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw ReconcileException.transientError(
          "cannot read Secret "
              + namespace
              + "/"
              + name
              + " (HELMSYNC_ENV_SECRET): "
              + e.getStatus().getMessage(),
          e);
    }
    if (secret == null) {
      throw ReconcileException.stalled(
          "Secret "
              + namespace
              + "/"
              + name
              + " named by "
              + "HELMSYNC_ENV_SECRET does not exist; create it or unset HELMSYNC_ENV_SECRET");
    }
    Map<String, String> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  data.put(
                      key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      data.putAll(secret.getStringData());
    }
    return data;
  }
}
