package io.helmsync.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Git servers helmsync takes push webhooks from: how each proves a delivery is genuine, and
 * where it says which refs were pushed.
 */
enum WebhookProvider {
  /** {@code X-Hub-Signature-256: sha256=<hex>}; {@code X-GitHub-Event: push | ping}. */
  GITHUB {
    @Override
    boolean authentic(String secret, Headers headers, byte[] body) {
      return Signatures.hmacSha256Matches(secret, body, headers.get("X-Hub-Signature-256"));
    }

    @Override
    PushEvent event(Headers headers, JsonNode payload) {
      String event = headers.get("X-GitHub-Event");
      if ("ping".equals(event)) {
        return PushEvent.ping();
      }
      return "push".equals(event)
          ? PushEvent.push(List.of(payload.path("ref").asText()))
          : PushEvent.other(event);
    }
  },
  /** {@code X-Gitlab-Token: <secret>}; {@code X-Gitlab-Event: Push Hook | Tag Push Hook}. */
  GITLAB {
    @Override
    boolean authentic(String secret, Headers headers, byte[] body) {
      return Signatures.tokenMatches(secret, headers.get("X-Gitlab-Token"));
    }

    @Override
    PushEvent event(Headers headers, JsonNode payload) {
      String event = headers.get("X-Gitlab-Event");
      boolean push = "Push Hook".equals(event) || "Tag Push Hook".equals(event);
      return push ? PushEvent.push(List.of(payload.path("ref").asText())) : PushEvent.other(event);
    }
  },
  /**
   * Bitbucket Server / Data Center: {@code X-Hub-Signature: sha256=<hex>}; {@code X-Event-Key:
   * repo:refs_changed | diagnostics:ping}, refs in {@code changes[].ref.id}.
   */
  BITBUCKET {
    @Override
    boolean authentic(String secret, Headers headers, byte[] body) {
      return Signatures.hmacSha256Matches(secret, body, headers.get("X-Hub-Signature"));
    }

    @Override
    PushEvent event(Headers headers, JsonNode payload) {
      String event = headers.get("X-Event-Key");
      if ("diagnostics:ping".equals(event)) {
        return PushEvent.ping();
      }
      if (!"repo:refs_changed".equals(event)) {
        return PushEvent.other(event);
      }
      List<String> refs = new ArrayList<>();
      payload.path("changes").forEach(change -> refs.add(change.path("ref").path("id").asText()));
      return PushEvent.push(refs);
    }
  },
  /**
   * Any other sender: {@code X-Signature: <hex HMAC-SHA256 of the body>}; a JSON body with {@code
   * ref} limits the trigger to that ref, any other body always triggers.
   */
  GENERIC {
    @Override
    boolean authentic(String secret, Headers headers, byte[] body) {
      return Signatures.hmacSha256Matches(secret, body, headers.get("X-Signature"));
    }

    @Override
    PushEvent event(Headers headers, JsonNode payload) {
      return payload.hasNonNull("ref")
          ? PushEvent.push(List.of(payload.get("ref").asText()))
          : PushEvent.push(List.of());
    }
  };

  /** Request headers, looked up case-insensitively. */
  interface Headers extends Function<String, String> {
    default String get(String name) {
      return apply(name.toLowerCase(Locale.ROOT));
    }
  }

  abstract boolean authentic(String secret, Headers headers, byte[] body);

  abstract PushEvent event(Headers headers, JsonNode payload);

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
