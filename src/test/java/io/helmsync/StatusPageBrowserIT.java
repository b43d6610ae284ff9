package io.helmsync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helmsync.testing.AgentStoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The status page as a browser shows it: Debian's headless Chromium loads it from the packaged
 * agent (synced to the mock cluster), the rendered DOM is checked, and a screenshot is saved to
 * {@code target/status-page.png}. Opt in with {@code ./mvnw verify -Pbrowser}; needs {@code apt-get
 * install chromium}.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = AgentStoryResource.class, restrictToAnnotatedClass = true)
class StatusPageBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void theStatusPageRendersInABrowser() throws Exception {
    assertThat(CHROMIUM).as("Debian's chromium package (apt-get install chromium)").exists();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                // Applied; the mock API server runs no controllers, so rollouts stay in progress.
                assertThat(given().get("/api/status").then().extract().<String>path("state"))
                    .isEqualTo("progressing"));
    String url = "http://localhost:" + RestAssured.port + "/";
    Path screenshot = Path.of("target", "status-page.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    String dom = chromium("--dump-dom", url);
    chromium("--screenshot=" + screenshot, "--window-size=1200,1000", "--hide-scrollbars", url);

    assertThat(dom)
        .contains("helmsync · orchestrate-demo")
        .contains("state progressing")
        .contains("orchestrate-demo: initial state")
        .contains("<td>tx-sender</td>");
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
  }

  private static String chromium(String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return out;
  }
}
