package io.helmsync.observe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Exposes {@link AgentHealth} on {@code /q/health/live} and {@code /q/health/ready}. */
@ApplicationScoped
public class HealthChecks {

  @Produces
  @Liveness
  HealthCheck loopAlive(AgentHealth health) {
    return () ->
        HealthCheckResponse.named("reconcile-loop")
            .status(health.live())
            .withData("lastTick", String.valueOf(health.lastTick()))
            .build();
  }

  @Produces
  @Readiness
  HealthCheck reconciledOnce(AgentHealth health) {
    return () -> HealthCheckResponse.named("first-reconcile").status(health.ready()).build();
  }
}
