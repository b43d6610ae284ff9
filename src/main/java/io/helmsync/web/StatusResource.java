package io.helmsync.web;

import io.helmsync.reconcile.ReconcileLoop;
import io.helmsync.reconcile.ReconcileResult;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api/status}: the last reconcile, for people and scripts. Error messages are written
 * never to contain secret values, so they can be shown here as they are.
 */
@Path("/api/status")
public class StatusResource {
  private final ReconcileLoop loop;

  public StatusResource(ReconcileLoop loop) {
    this.loop = loop;
  }

  /** The state as JSON. */
  public record Status(
      String state,
      String revision,
      String trigger,
      long durationMillis,
      Map<String, Integer> objectsPerRelease,
      String error,
      String errorReason) {

    static Status of(ReconcileResult result) {
      return new Status(
          result.outcome().name().toLowerCase(java.util.Locale.ROOT),
          result.revision(),
          result.trigger().cause().label(),
          result.duration().toMillis(),
          result.objectsPerRelease(),
          result.error() == null ? null : result.error().getMessage(),
          result.failureReason().map(reason -> reason.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
    }

    static Status starting() {
      return new Status("starting", null, null, 0, Map.of(), null, null);
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Status status() {
    return loop.last().map(Status::of).orElseGet(Status::starting);
  }
}
