package io.helmsync.web;

import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileLoop;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The status page ({@code GET /}: server-rendered, no JavaScript, refreshes itself) and the same
 * data as JSON ({@code GET /api/status}).
 */
@Path("/")
public class StatusResource {
  private final ReconcileLoop loop;
  private final Template status;
  private final ReconcileMetrics metrics;

  public StatusResource(ReconcileLoop loop, Template status, ReconcileMetrics metrics) {
    this.loop = loop;
    this.status = status;
    this.metrics = metrics;
  }

  private StatusView view() {
    return StatusView.of(
        loop.settings(),
        loop.last(),
        loop.history(),
        loop.charts(),
        loop.releaseHealth(),
        metrics.driftedPerRelease());
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance page() {
    return status.data("status", view());
  }

  @GET
  @Path("api/status")
  @Produces(MediaType.APPLICATION_JSON)
  public StatusView json() {
    return view();
  }
}
