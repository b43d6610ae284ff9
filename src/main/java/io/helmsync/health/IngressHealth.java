package io.helmsync.health;

/**
 * An Ingress is healthy once its controller has published an address, as Argo CD checks: before
 * that, the routes it declares are not served by anything.
 */
final class IngressHealth {
  private IngressHealth() {}

  static Health assess(ObjectTree ingress) {
    return LoadBalancerStatus.assess(ingress, "the ingress controller");
  }
}
