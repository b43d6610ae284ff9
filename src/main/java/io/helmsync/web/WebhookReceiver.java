package io.helmsync.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.model.Trigger;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides what a webhook delivery means: refused (no secret configured, too many, bad signature,
 * not JSON), ignored (ping, another branch, another event), or a reconcile requested at once. The
 * answer's body says which, for the delivery log of the Git server.
 */
@ApplicationScoped
public class WebhookReceiver {
  private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HelmsyncConfig.Webhook config;
  private final ReconcileLoop loop;
  private final ReconcileMetrics metrics;
  private final RateLimit rateLimit;

  public WebhookReceiver(HelmsyncConfig config, ReconcileLoop loop, ReconcileMetrics metrics) {
    this.config = config.webhook();
    this.loop = loop;
    this.metrics = metrics;
    this.rateLimit = new RateLimit(this.config.ratePerSecond(), Clock.systemUTC());
  }

  Response receive(WebhookProvider provider, WebhookProvider.Headers headers, byte[] body) {
    Optional<String> secret = secret();
    if (secret.isEmpty()) {
      return answer(
          provider,
          503,
          "disabled",
          "webhooks are disabled: set HELMSYNC_WEBHOOK_SECRET or HELMSYNC_WEBHOOK_SECRET_FILE");
    }
    if (!rateLimit.tryAcquire()) {
      return answer(provider, 429, "rate_limited", "too many deliveries; retry later");
    }
    if (!provider.authentic(secret.get(), headers, body)) {
      return answer(
          provider,
          401,
          "unauthorized",
          "signature does not match; check the webhook secret on both sides");
    }
    JsonNode payload;
    try {
      payload = body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
    } catch (IOException e) {
      return answer(provider, 400, "invalid", "body is not JSON");
    }
    return dispatch(provider, provider.event(headers, payload));
  }

  private Response dispatch(WebhookProvider provider, PushEvent event) {
    switch (event.kind()) {
      case PING:
        return answer(provider, 200, "ping", "pong");
      case OTHER:
        return answer(
            provider, 200, "ignored", "ignored: event '" + event.name() + "' is not a push");
      default:
        break;
    }
    String tracked = loop.settings().map(AgentSettings::gitRef).orElse("");
    if (!event.touches(tracked)) {
      return answer(
          provider,
          200,
          "ignored",
          "ignored: push to " + event.refs() + ", helmsync tracks " + tracked);
    }
    if (!loop.request(Trigger.of(Trigger.Cause.WEBHOOK))) {
      return answer(provider, 503, "not_running", "the reconcile loop is not running");
    }
    return answer(provider, 202, "accepted", "reconcile requested");
  }

  private Optional<String> secret() {
    if (config.secretFile().isPresent()) {
      try {
        return Optional.of(Files.readString(config.secretFile().get()).trim())
            .filter(s -> !s.isEmpty());
      } catch (IOException e) {
        LOG.warnf(
            "cannot read the webhook secret file %s: %s",
            config.secretFile().get(), e.getMessage());
        return Optional.empty();
      }
    }
    return config.secret().filter(s -> !s.isBlank());
  }

  private Response answer(WebhookProvider provider, int status, String result, String message) {
    metrics.webhookReceived(provider.label(), result);
    if (status >= 400) {
      LOG.warnf("webhook from %s refused (%d): %s", provider.label(), status, message);
    } else {
      LOG.infof("webhook from %s: %s", provider.label(), message);
    }
    return Response.status(status).entity(message + "\n").type("text/plain").build();
  }
}
