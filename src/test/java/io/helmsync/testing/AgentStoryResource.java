package io.helmsync.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The world of an end-to-end test: a real {@code git daemon} serving a copy of {@code
 * config-repo-example/}, the fabric8 mock API server that understands apply patches, and the
 * Secrets Manager stub holding the example's secret ({@link ExampleSecrets}). The agent (the
 * packaged jar) is pointed at all three, polls every second and reads secrets again every 2 s.
 */
public class AgentStoryResource implements QuarkusTestResourceLifecycleManager {
  public static final String ENVIRONMENT = "orchestrate-demo";

  /** Marks the test field that receives the {@link World}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface InjectWorld {}

  /** What a story test drives and inspects. */
  public record World(GitDaemonFixture git, ApplyMockServer kube, FakeSecretsManager aws) {}

  /** {@code initArgs} key: the poll interval (default {@code 1s}). */
  public static final String INTERVAL = "interval";

  /** {@code initArgs} key: the webhook secret (default: webhooks disabled). */
  public static final String WEBHOOK_SECRET = "webhookSecret";

  private Path dir;
  private World world;
  private Map<String, String> args = Map.of();

  @Override
  public void init(Map<String, String> initArgs) {
    args = Map.copyOf(initArgs);
  }

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("helmsync-story");
      Files.createDirectories(dir.resolve("git"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitDaemonFixture git = GitDaemonFixture.start(dir.resolve("git"));
    git.commitTree("main", Path.of("config-repo-example"), "orchestrate-demo: initial state");
    world = new World(git, ApplyMockServer.start(), ExampleSecrets.start());
    Map<String, String> config =
        new java.util.HashMap<>(
            Map.of(
                "helmsync.git.url",
                git.url(),
                "helmsync.environment",
                ENVIRONMENT,
                "helmsync.namespace",
                ENVIRONMENT,
                "helmsync.git.interval",
                args.getOrDefault(INTERVAL, "1s"),
                "helmsync.work-dir",
                dir.resolve("work").toString(),
                "helmsync.secret-refresh",
                "2s",
                "quarkus.kubernetes-client.api-server-url",
                world.kube().url(),
                "quarkus.kubernetes-client.namespace",
                ENVIRONMENT,
                // The integration-test launcher waits for Quarkus' "started" line.
                "quarkus.log.category.\"io.quarkus\".level",
                "INFO"));
    config.putAll(world.aws().agentConfiguration());
    if (args.containsKey(WEBHOOK_SECRET)) {
      config.put("helmsync.webhook.secret", args.get(WEBHOOK_SECRET));
    }
    return config;
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        world, new TestInjector.AnnotatedAndMatchesType(InjectWorld.class, World.class));
  }

  @Override
  public void stop() {
    if (world != null) {
      world.kube().close();
      world.git().close();
      world.aws().close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
