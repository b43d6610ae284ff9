package io.helmsync.secret;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ReconcileException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code ref+k8s://v1/Secret/NAMESPACE/NAME/KEY}: one key of a Secret in the cluster. */
final class KubernetesSecretBackend implements SecretBackend {
  private static final String SCHEME = SecretRef.Backend.KUBERNETES.scheme();

  private final Supplier<KubernetesClient> client;
  private final SecretRequests requests;

  KubernetesSecretBackend(Supplier<KubernetesClient> client, SecretRequests requests) {
    this.client = client;
    this.requests = requests;
  }

  @Override
  public Map<String, String> fetch(Collection<SecretRef> refs) {
    Map<String, String> values = new LinkedHashMap<>();
    refs.forEach(ref -> values.put(ref.location(), fetch(ref)));
    return values;
  }

  private String fetch(SecretRef ref) {
    String[] parts = ref.path().split("/");
    if (parts.length != 5 || !parts[0].equals("v1") || !parts[1].equals("Secret")) {
      throw ReconcileException.stalled(
          ref.text() + ": write ref+k8s://v1/Secret/NAMESPACE/NAME/KEY");
    }
    String key = parts[4];
    String data = value(secret(ref, parts[2], parts[3]), key);
    if (data == null) {
      throw ReconcileException.stalled(
          ref.text() + ": Secret/" + parts[2] + "/" + parts[3] + " has no key '" + key + "'");
    }
    return data;
  }

  private Secret secret(SecretRef ref, String namespace, String name) {
    Secret secret;
    try {
      secret = client.get().secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      requests.record(
          SCHEME,
          e.getCode() == 403
              ? SecretRequests.Result.ACCESS_DENIED
              : e.getCode() == 429 ? SecretRequests.Result.THROTTLED : SecretRequests.Result.ERROR);
      if (e.getCode() == 403) {
        throw ReconcileException.stalled(
            ref.text()
                + ": the agent may not read Secret/"
                + namespace
                + "/"
                + name
                + "; grant its Role get on secrets",
            e);
      }
      throw ReconcileException.transientError(
          ref.text()
              + ": cannot read Secret/"
              + namespace
              + "/"
              + name
              + " (HTTP "
              + e.getCode()
              + ")",
          e);
    }
    requests.record(
        SCHEME, secret == null ? SecretRequests.Result.NOT_FOUND : SecretRequests.Result.SUCCESS);
    if (secret == null) {
      throw ReconcileException.stalled(
          ref.text() + ": Secret/" + namespace + "/" + name + " does not exist");
    }
    return secret;
  }

  private static String value(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    return encoded == null
        ? null
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
