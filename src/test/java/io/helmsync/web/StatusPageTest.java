package io.helmsync.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.cli.Pipelines;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileLoop;
import io.helmsync.testing.DryRunLoop;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(WebhookResourceTest.Profile.class)
class StatusPageTest {
  @Inject ReconcileLoop loop;
  @Inject Pipelines pipelines;
  @Inject HelmsyncConfig config;
  @Inject ReconcileMetrics metrics;

  @BeforeEach
  void start() {
    DryRunLoop.startOnExample(loop, pipelines, config);
  }

  @Test
  void thePageShowsTheEnvironmentStateReleasesAndHistoryWithoutJavaScript() {
    String html =
        given().get("/").then().statusCode(200).contentType("text/html").extract().asString();
    assertThat(html)
        .contains("<meta http-equiv=\"refresh\" content=\"10\">")
        .contains("helmsync · orchestrate-demo")
        .contains("<span class=\"state rendered\">rendered</span>")
        .contains(
            "<td>api-chain-registry</td><td>core-stack-api-0.3.0</td><td>5</td><td><span class=\"muted\">not watched</span></td>"
                + "<td><span class=\"muted\">not assessed</span></td>")
        .contains("would apply 35 objects")
        .doesNotContain("<script");
  }

  @Test
  void theJsonHasTheSameContent() {
    var json = given().get("/api/status").then().statusCode(200).extract().jsonPath();
    assertThat(json.getString("environment")).isEqualTo("orchestrate-demo");
    assertThat(json.getString("state")).isEqualTo("rendered");
    assertThat(json.getBoolean("dryRun")).isTrue();
    assertThat(json.getList("releases.name"))
        .containsExactly(
            "postgres",
            "redis",
            "vault",
            "image-pull-secret",
            "api-chain-registry",
            "api-contract-registry",
            "api-envelope-store",
            "tx-crafter",
            "tx-signer",
            "tx-sender",
            "tx-listener");
    assertThat(json.getList("recent")).isNotEmpty();
  }

  @Test
  void eachReleaseShowsItsDriftedObjectsOnceDriftIsWatched() {
    try {
      metrics.drifted("orchestrate-demo", Map.of("redis", 2, "vault", 0));

      var json = given().get("/api/status").then().statusCode(200).extract().jsonPath();
      assertThat(json.getInt("releases.find { it.name == 'redis' }.drifted")).isEqualTo(2);
      assertThat(json.getInt("releases.find { it.name == 'tx-sender' }.drifted")).isZero();
      assertThat(given().get("/").then().statusCode(200).extract().asString())
          .contains("<td>redis</td><td>stateful-service-0.2.0</td><td>2</td><td>2</td>");
    } finally {
      metrics.drifted("orchestrate-demo", Map.of());
    }
  }
}
