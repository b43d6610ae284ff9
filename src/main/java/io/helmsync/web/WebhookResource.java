package io.helmsync.web;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * {@code POST /hooks/github}, {@code /hooks/gitlab}, {@code /hooks/bitbucket}, {@code
 * /hooks/generic}: push webhooks. Bodies are limited to 1 MiB by {@code
 * quarkus.http.limits.max-body-size}.
 */
@Path("/hooks")
public class WebhookResource {
  private final WebhookReceiver receiver;

  public WebhookResource(WebhookReceiver receiver) {
    this.receiver = receiver;
  }

  @POST
  @Path("{provider}")
  public Response receive(
      @PathParam("provider") String provider, @Context HttpHeaders headers, byte[] body) {
    WebhookProvider sender;
    try {
      sender = WebhookProvider.valueOf(provider.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Response.status(404)
          .entity(
              "unknown webhook provider '"
                  + provider
                  + "'; use github, gitlab, bitbucket or generic\n")
          .type("text/plain")
          .build();
    }
    return receiver.receive(sender, headers::getHeaderString, body == null ? new byte[0] : body);
  }
}
