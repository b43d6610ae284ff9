package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.config.AgentSettings;

/** TEMPORARY until the apply branch lands (not committed). */
public final class ServerSideSync {
  private ServerSideSync() {}

  public static ClusterSync create(KubernetesClient client, AgentSettings settings) {
    throw new UnsupportedOperationException("pending apply branch");
  }
}
