package io.helmsync.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ReconcileException;
import io.helmsync.secret.sops.SopsKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SOPS keys in a Secret of the agent's namespace ({@code HELMSYNC_SOPS_SECRET}), with the keys
 * named as Flux names them ({@code *.agekey}, {@code *.asc}). Read when a load first meets a SOPS
 * file, so that a rotated key is used by the next reconcile, as {@link EnvironmentSecret} is.
 */
public final class SopsSecret implements Supplier<SopsKeys> {
  private final Supplier<KubernetesClient> client;
  private final String namespace;
  private final String name;

  /**
   * @param client asked for only when the keys are read
   */
  public SopsSecret(Supplier<KubernetesClient> client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * @throws ReconcileException stalled when the Secret does not exist or holds a bad key, transient
   *     when the cluster does not answer
   */
  @Override
  public SopsKeys get() {
    Secret secret;
    try {
      secret = client.get().secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw ReconcileException.transientError(
          "cannot read Secret "
              + namespace
              + "/"
              + name
              + " (HELMSYNC_SOPS_SECRET): "
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
              + "HELMSYNC_SOPS_SECRET does not exist; create it with the SOPS keys (*.agekey, *.asc) "
              + "or unset HELMSYNC_SOPS_SECRET");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
    }
    if (secret.getStringData() != null) {
      secret
          .getStringData()
          .forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
    }
    return SopsKeys.fromSecretData("Secret " + namespace + "/" + name, data);
  }
}
