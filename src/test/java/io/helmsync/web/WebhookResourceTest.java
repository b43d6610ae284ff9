package io.helmsync.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helmsync.cli.Pipelines;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileLoop;
import io.helmsync.reconcile.ReconcileResult;
import io.helmsync.testing.DryRunLoop;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@TestProfile(WebhookResourceTest.Profile.class)
class WebhookResourceTest {
  static final String SECRET = "webhook-test-secret";

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // The example's secret references render as placeholders: the loop runs without AWS.
      return Map.of(
          "helmsync.webhook.secret",
          SECRET,
          "helmsync.webhook.rate-per-second",
          "1000",
          "helmsync.secret-placeholders",
          "true");
    }
  }

  @Inject ReconcileLoop loop;
  @Inject Pipelines pipelines;
  @Inject HelmsyncConfig config;

  @BeforeEach
  void startTheLoopOnTheExampleWithoutACluster() {
    DryRunLoop.startOnExample(loop, pipelines, config);
  }

  static String hmac(String body) {
    return HexFormat.of()
        .formatHex(Signatures.hmacSha256(SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  static final String GITHUB_PUSH =
      """
      {"ref":"refs/heads/%s","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246",
       "after":"59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5","created":false,"deleted":false,
       "repository":{"id":35129377,"name":"orchestrate-deploy","full_name":"acme/orchestrate-deploy"},
       "pusher":{"name":"alice","email":"alice@example.com"},
       "head_commit":{"id":"59b20b8d5c6ff8d09518454d4dd8b7b30f095ab5","message":"scale api"}}""";
  static final String GITLAB_PUSH =
      """
      {"object_kind":"push","event_name":"push","ref":"refs/heads/%s",
       "before":"95790bf891e76fee5e1747ab589903a6a1f80f22","after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
       "checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","user_username":"alice",
       "project":{"id":15,"path_with_namespace":"acme/orchestrate-deploy","default_branch":"main"},
       "total_commits_count":1}""";
  static final String BITBUCKET_PUSH =
      """
      {"eventKey":"repo:refs_changed","date":"2026-11-25T10:02:00+0000",
       "actor":{"name":"alice","emailAddress":"alice@example.com","id":2,"slug":"alice","type":"NORMAL"},
       "repository":{"slug":"orchestrate-deploy","id":84,"name":"orchestrate-deploy","project":{"key":"OPS"}},
       "changes":[{"ref":{"id":"refs/heads/%s","displayId":"%1$s","type":"BRANCH"},"refId":"refs/heads/%1$s",
                   "fromHash":"ecddabb624f6f5ba43816f5926e580a5f680a932","toHash":"178864a7d521b6f5e720b386b2c2b0ef8563e0dc",
                   "type":"UPDATE"}]}""";

  /** A delivery as a provider sends it, and what helmsync must answer. */
  record Case(
      String name,
      String provider,
      Map<String, String> headers,
      String body,
      int status,
      String answer) {
    @Override
    public String toString() {
      return name;
    }

    RequestSpecification request() {
      return given().headers(headers).contentType("application/json").body(body);
    }
  }

  static Stream<Case> deliveries() {
    String github = GITHUB_PUSH.formatted("main");
    String githubOther = GITHUB_PUSH.formatted("feature/x");
    String gitlab = GITLAB_PUSH.formatted("main");
    String bitbucket = BITBUCKET_PUSH.formatted("main");
    String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
    return Stream.of(
        new Case(
            "github push to main",
            "github",
            Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(github)),
            github,
            202,
            "reconcile requested"),
        new Case(
            "github push to another branch",
            "github",
            Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(githubOther)),
            githubOther,
            200,
            "ignored: push to [refs/heads/feature/x], helmsync tracks main"),
        new Case(
            "github ping",
            "github",
            Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", "sha256=" + hmac(ping)),
            ping,
            200,
            "pong"),
        new Case(
            "github other event",
            "github",
            Map.of("X-GitHub-Event", "issues", "X-Hub-Signature-256", "sha256=" + hmac(ping)),
            ping,
            200,
            "ignored: event 'issues' is not a push"),
        new Case(
            "github bad signature",
            "github",
            Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac(githubOther)),
            github,
            401,
            "signature does not match"),
        new Case(
            "github no signature",
            "github",
            Map.of("X-GitHub-Event", "push"),
            github,
            401,
            "signature does not match"),
        new Case(
            "gitlab push to main",
            "gitlab",
            Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET),
            gitlab,
            202,
            "reconcile requested"),
        new Case(
            "gitlab wrong token",
            "gitlab",
            Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess"),
            gitlab,
            401,
            "signature does not match"),
        new Case(
            "bitbucket push to main",
            "bitbucket",
            Map.of(
                "X-Event-Key", "repo:refs_changed", "X-Hub-Signature", "sha256=" + hmac(bitbucket)),
            bitbucket,
            202,
            "reconcile requested"),
        new Case(
            "bitbucket ping",
            "bitbucket",
            Map.of("X-Event-Key", "diagnostics:ping", "X-Hub-Signature", "sha256=" + hmac("{}")),
            "{}",
            200,
            "pong"),
        new Case(
            "generic signed",
            "generic",
            Map.of("X-Signature", hmac("{\"ref\":\"main\"}")),
            "{\"ref\":\"main\"}",
            202,
            "reconcile requested"),
        new Case(
            "generic not json",
            "generic",
            Map.of("X-Signature", hmac("not json")),
            "not json",
            400,
            "body is not JSON"),
        new Case(
            "unknown provider", "gitea", Map.of(), "{}", 404, "unknown webhook provider 'gitea'"));
  }

  @ParameterizedTest
  @MethodSource("deliveries")
  void answersEachDeliveryAsItDeserves(Case c) {
    String answer =
        c.request()
            .post("/hooks/" + c.provider())
            .then()
            .statusCode(c.status())
            .extract()
            .asString();
    assertThat(answer).contains(c.answer()).doesNotContain(SECRET);
  }

  @Test
  void aValidPushTriggersAReconcileAtOnce() {
    Case push = deliveries().findFirst().orElseThrow();
    push.request().post("/hooks/github").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                loop.last()
                    .map(ReconcileResult::trigger)
                    .map(Trigger::cause)
                    .filter(Trigger.Cause.WEBHOOK::equals)
                    .isPresent());
  }

  @Test
  void refusedDeliveriesAreCounted() {
    Case bad =
        deliveries().filter(c -> c.name().equals("github bad signature")).findFirst().orElseThrow();
    bad.request().post("/hooks/github").then().statusCode(401);
    String metrics = given().get("/q/metrics").then().extract().asString();
    assertThat(metrics)
        .containsPattern(
            "helmsync_webhook_requests_total\\{provider=\"github\",result=\"unauthorized\"} [1-9]");
  }

  @Test
  void bodiesOverOneMebibyteAreRefused() {
    String big = "{\"ref\":\"main\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
    given()
        .header("X-Signature", hmac(big))
        .contentType("application/json")
        .body(big)
        .post("/hooks/generic")
        .then()
        .statusCode(413);
  }
}
