package io.helmsync.health;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Services of type LoadBalancer and Ingresses both report their external address in {@code
 * status.loadBalancer.ingress}; until it is there, nothing outside the cluster can reach them.
 */
final class LoadBalancerStatus {
  private LoadBalancerStatus() {}

  static Health assess(ObjectTree object, String waitingFor) {
    List<ObjectTree> ingress = object.items("status.loadBalancer.ingress");
    if (ingress.isEmpty()) {
      return Health.progressing("Waiting for " + waitingFor + " to be assigned an address");
    }
    return Health.healthy("Reachable at " + addresses(ingress));
  }

  private static String addresses(List<ObjectTree> ingress) {
    return ingress.stream()
        .map(entry -> entry.has("hostname") ? entry.string("hostname") : entry.string("ip"))
        .collect(Collectors.joining(", "));
  }
}
