package io.helmsync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.helmsync.testing.AgentStoryResource;
import io.helmsync.testing.AgentStoryResource.InjectWorld;
import io.helmsync.testing.AgentStoryResource.World;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A signed GitHub push applies the new revision at once, although the agent polls only hourly. The
 * time from delivery to applied object is logged for the record; the assertion only proves the poll
 * was not waited for, since timings on a shared CI machine are not a benchmark.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(
    value = AgentStoryResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      @ResourceArg(name = AgentStoryResource.INTERVAL, value = "1h"),
      @ResourceArg(name = AgentStoryResource.WEBHOOK_SECRET, value = WebhookStoryIT.SECRET)
    })
class WebhookStoryIT {
  static final String SECRET = "story-webhook-secret";
  private static final String CONFIG = "environments/orchestrate-demo.yaml";
  private static final String NS = AgentStoryResource.ENVIRONMENT;

  @InjectWorld World world;

  @Test
  void aSignedPushIsAppliedWithoutWaitingForThePoll() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> logLevel() != null);
    String original = Files.readString(Path.of("config-repo-example", CONFIG));
    String sha =
        world
            .git()
            .repo()
            .writeFile(
                "main",
                CONFIG,
                original.replace("logLevel: debug", "logLevel: trace"),
                "trace logs");
    String body =
        "{\"ref\":\"refs/heads/main\",\"after\":\""
            + sha
            + "\",\"repository\":{\"full_name\":\"acme/orchestrate-deploy\"}}";

    // The test's first REST Assured call costs over a second of its own warm-up: not the agent's
    // time.
    given().get("/q/health/live").then().statusCode(200);
    long sent = System.nanoTime();
    given()
        .header("X-GitHub-Event", "push")
        .header("X-Hub-Signature-256", "sha256=" + hmac(body))
        .contentType("application/json")
        .body(body)
        .post("/hooks/github")
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "trace".equals(logLevel()));
    long millis = Duration.ofNanos(System.nanoTime() - sent).toMillis();

    // The figure the issue asks for (goal: under 2 s on the mock), on stdout for the build log.
    System.out.printf("FIGURE: webhook-to-applied = %d ms%n", millis);
    assertThat(millis).isLessThan(Duration.ofSeconds(10).toMillis());
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(given().get("/api/status").then().extract().<String>path("trigger"))
                    .isEqualTo("webhook"));
  }

  private String logLevel() {
    ConfigMap config =
        world.kube().client().configMaps().inNamespace(NS).withName("tx-sender").get();
    return config == null ? null : config.getData().get("LOG_LEVEL");
  }

  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
