package io.helmsync.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.render.ChartContext;
import io.helmsync.render.ClusterView;

/**
 * Renders for the live cluster, which {@code helm template} cannot: {@code .Capabilities} from
 * discovery (kept for a while, see {@link ClusterDiscovery}) and {@code lookup} reading the
 * cluster, as {@code helm install} does.
 */
public final class LiveCluster {
  private LiveCluster() {}

  /** What charts see of the cluster behind {@code client}, discovered through {@code discovery}. */
  public static ClusterView view(KubernetesClient client, ClusterDiscovery discovery) {
    ClusterLookup lookup = new ClusterLookup(client, discovery);
    return new ClusterView(
        () -> {
          ClusterDiscovery.Snapshot snapshot = discovery.current();
          return new ChartContext(snapshot.kubeVersion(), snapshot.apiVersions());
        },
        lookup::lookup);
  }
}
