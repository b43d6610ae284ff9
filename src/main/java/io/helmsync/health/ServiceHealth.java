package io.helmsync.health;

/**
 * Only a Service of type LoadBalancer waits on something outside Kubernetes, the cloud's load
 * balancer; every other type works as soon as it exists.
 */
final class ServiceHealth {
  private ServiceHealth() {}

  static Health assess(ObjectTree service) {
    if (service.string("spec.type").equals("LoadBalancer")) {
      return LoadBalancerStatus.assess(service, "the load balancer");
    }
    return Health.healthy("");
  }
}
