package io.helmsync.testing;

import static org.awaitility.Awaitility.await;

import io.helmsync.cli.Pipelines;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.reconcile.ReconcileLoop;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the agent's loop in a {@code @QuarkusTest} on {@code config-repo-example}, without a
 * cluster, polling hourly: tests then drive it with webhooks and read it through the web API. The
 * test's profile sets {@code helmsync.secret-placeholders=true}, as the example refers to AWS.
 */
public final class DryRunLoop {
  private DryRunLoop() {}

  /** Starts the loop once per application and waits for its first reconcile. */
  public static void startOnExample(
      ReconcileLoop loop, Pipelines pipelines, HelmsyncConfig config) {
    synchronized (DryRunLoop.class) {
      if (loop.settings().isPresent()) {
        return;
      }
      AgentSettings settings =
          AgentSettings.from(config)
              .withRepoDir(Path.of("config-repo-example").toAbsolutePath())
              .withEnvironment("orchestrate-demo")
              .withNamespace("orchestrate-demo")
              .withInterval(Duration.ofHours(1))
              .withDryRun(true);
      loop.start(pipelines.reconciler(settings), settings);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> loop.last().isPresent());
  }
}
