package io.helmsync.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helmsync.cli.BuildCommand;
import io.helmsync.cli.DiffCommand;
import io.helmsync.cli.Pipelines;
import io.helmsync.cli.RenderCommand;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.reconcile.ReconcileLoop;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.FakeSecretsManager;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The leak scan: a full reconcile of the Orchestrate secrets fixture (every value a
 * reference, rendered into Secrets, ConfigMaps and base64 fields) by the agent's own loop against
 * the mock Kubernetes server, with known values in a WireMock Secrets Manager; then every log
 * record at every level, every Kubernetes Event, the {@code /q/metrics} scrape, {@code
 * /api/status}, the status page and the output of {@code build}, {@code render} and {@code diff}
 * are searched for the values and their base64 forms. The scan proves it can fail: {@code render
 * --show-secrets} output is caught.
 */
@QuarkusTest
@QuarkusTestResource(value = FullReconcileLeakTest.World.class, restrictToAnnotatedClass = true)
class FullReconcileLeakTest {
  private static final String ENVIRONMENT = "demo";
  private static final List<String> FORBIDDEN =
      Stream.concat(
              SecretLeakTest.VALUES.stream(),
              SecretLeakTest.VALUES.stream()
                  .map(
                      value ->
                          Base64.getEncoder()
                              .encodeToString(value.getBytes(StandardCharsets.UTF_8))))
          .toList();

  /** The mock cluster and the fake AWS, started before the application reads its configuration. */
  public static class World implements QuarkusTestResourceLifecycleManager {
    static ApplyMockServer kube;
    static FakeSecretsManager aws;

    @Override
    public Map<String, String> start() {
      kube = ApplyMockServer.start();
      aws = new FakeSecretsManager();
      SecretLeakTest.SECRETS.forEach(aws::put);
      Map<String, String> config = new HashMap<>(aws.agentConfiguration());
      config.put("quarkus.kubernetes-client.api-server-url", kube.url());
      config.put("quarkus.kubernetes-client.namespace", ENVIRONMENT);
      config.put("helmsync.sops-keys-dir", SecretLeakTest.SOPS_KEYS.toAbsolutePath().toString());
      return config;
    }

    @Override
    public void stop() {
      aws.close();
      kube.close();
    }
  }

  @Inject ReconcileLoop loop;
  @Inject Pipelines pipelines;
  @Inject HelmsyncConfig config;
  @Inject Instance<BuildCommand> build;
  @Inject Instance<RenderCommand> render;
  @Inject Instance<DiffCommand> diff;
  @TempDir Path repo;

  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logs.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @AfterEach
  void stop() {
    loop.stop();
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void aFullReconcileShowsNoSecretAnywhere() throws Exception {
    assertThat(
            Stream.of("software.amazon.awssdk", "sun.net.www.protocol.http")
                .map(name -> Logger.getLogger(name).getLevel()))
        .as("the AWS SDK's loggers and its HTTP client's are off")
        .containsOnly(Level.OFF);
    captureEveryLogLevel();
    copyFixture();
    AgentSettings settings =
        AgentSettings.from(config)
            .withRepoDir(repo)
            .withEnvironment(ENVIRONMENT)
            .withNamespace(ENVIRONMENT)
            .withInterval(Duration.ofHours(1))
            .withDryRun(false);
    loop.start(pipelines.reconciler(settings), settings);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> loop.last().map(result -> result.outcome() == Outcome.SYNCED).orElse(false));
    assertThat(
            World.kube.client().secrets().inNamespace(ENVIRONMENT).withName("api").get().getData())
        .as("the secret really was applied")
        .containsEntry(
            "apiKey",
            Base64.getEncoder()
                .encodeToString("Api-K3y-0123456789".getBytes(StandardCharsets.UTF_8)));

    List<String> seen = new ArrayList<>();
    seen.add(given().get("/q/metrics").then().statusCode(200).extract().asString());
    seen.add(given().get("/api/status").then().statusCode(200).extract().asString());
    seen.add(given().get("/").then().statusCode(200).extract().asString());
    World.kube
        .client()
        .v1()
        .events()
        .inNamespace(ENVIRONMENT)
        .list()
        .getItems()
        .forEach(event -> seen.add(event.toString()));
    String rendered = run(render.get(), "render", "--repo", repo.toString(), "-e", ENVIRONMENT);
    seen.add(rendered);
    seen.add(run(build.get(), "build", "--repo", repo.toString(), "-e", ENVIRONMENT));
    changeANonSecretValue();
    String diffed =
        run(
            diff.get(),
            "diff",
            "--repo",
            repo.toString(),
            "-e",
            ENVIRONMENT,
            "-n",
            ENVIRONMENT,
            "--color",
            "NEVER");
    seen.add(diffed);
    logs.forEach(
        record ->
            seen.add(
                record.getLoggerName()
                    + " "
                    + record.getMessage()
                    + " "
                    + java.util.Arrays.toString(record.getParameters())
                    + " "
                    + record.getThrown()));

    assertThat(seen.get(0)).contains("helmsync_secret_requests_total{backend=\"awssecrets\"");
    assertThat(rendered).contains("apiKey: '***'", "DB_DSN: postgres://orchestrate:***@db");
    assertThat(diffed).contains("+  EXTRA: added").contains("  SMTP_PASSWORD: ***");
    assertThat(logs).as("the scan saw the agent's logs").isNotEmpty();
    assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(FORBIDDEN));

    String shown =
        run(render.get(), "render", "--show-secrets", "--repo", repo.toString(), "-e", ENVIRONMENT);
    assertThat(FORBIDDEN)
        .as("the scan finds values when they are shown")
        .anySatisfy(value -> assertThat(shown).contains(value));
  }

  private void captureEveryLogLevel() {
    Logger root = Logger.getLogger("");
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    Logger.getLogger("io.helmsync").setLevel(Level.ALL);
  }

  private void copyFixture() throws IOException {
    try (Stream<Path> files = Files.walk(SecretLeakTest.REPO)) {
      for (Path file : files.toList()) {
        Path target = repo.resolve(SecretLeakTest.REPO.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private void changeANonSecretValue() throws IOException {
    Path configMap = repo.resolve("charts/api/templates/configmap.yaml");
    Files.writeString(configMap, Files.readString(configMap) + "  EXTRA: added\n");
  }

  /** A command's stdout and stderr, run in this process as the CLI runs it. */
  private static String run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(out, true));
    line.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    return out.toString();
  }
}
