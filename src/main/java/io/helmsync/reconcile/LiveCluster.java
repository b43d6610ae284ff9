package io.helmsync.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.ClusterDiscovery;
import io.helmsync.apply.ClusterLookup;
import io.helmsync.model.ChangeSet;
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
    return new ClusterView(() -> {
      ClusterDiscovery.Snapshot snapshot = discovery.current();
      return new ChartContext(snapshot.kubeVersion(), snapshot.apiVersions());
    }, lookup::lookup);
  }

  /**
   * {@code cluster}, discovering again after it created, changed or deleted a
   * CustomResourceDefinition: the next render sees the API versions it serves (or no longer does).
   */
  public static ClusterSync rediscoveringAfterCrdChanges(ClusterSync cluster,
      ClusterDiscovery discovery) {
    return desired -> {
      ChangeSet changes = cluster.sync(desired);
      boolean crdChanged = changes.writes().stream()
          .anyMatch(entry -> entry.ref().kind().equals("CustomResourceDefinition"));
      if (crdChanged) {
        discovery.invalidate();
      }
      return changes;
    };
  }
}
