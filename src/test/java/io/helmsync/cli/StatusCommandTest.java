package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.helmsync.model.ObjectRef;
import io.helmsync.observe.EventSink.Type;
import io.helmsync.observe.KubernetesEventSink;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ExampleSecrets;
import io.helmsync.testing.FakeSecretsManager;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code helmsync status} from the agent's API and from the cluster, in each output format, and its
 * refusals; and {@code --help} for every command.
 */
@QuarkusMainTest
class StatusCommandTest {
  private static final String API_SERVER_URL = "quarkus.kubernetes-client.api-server-url";
  private static final String EXAMPLE = Path.of("config-repo-example").toAbsolutePath().toString();
  private static ApplyMockServer cluster;
  private static FakeSecretsManager aws;

  @BeforeAll
  static void startClusterAndAws() {
    cluster = ApplyMockServer.start();
    System.setProperty(API_SERVER_URL, cluster.url());
    aws = ExampleSecrets.start().configureLaunches();
  }

  @AfterAll
  static void stopClusterAndAws() {
    System.clearProperty(API_SERVER_URL);
    cluster.close();
    aws.close();
  }

  @Test
  void fromTheClusterItShowsTheInventoryAndTheEventsInEveryFormat(QuarkusMainLauncher launcher)
      throws Exception {
    assertThat(
            launcher
                .launch("sync", "--once", "--repo", EXAMPLE, "-e", "orchestrate-demo")
                .exitCode())
        .isZero();
    new KubernetesEventSink(
            cluster.client(),
            new ObjectRef(
                "v1", "ConfigMap", "orchestrate-demo", "helmsync-inventory-orchestrate-demo"),
            "test",
            Clock.systemUTC())
        .environment(
            Type.WARNING, "SyncFailed", "environments/orchestrate-demo.yaml:3:13: invalid YAML");

    LaunchResult text = launcher.launch("status", "-e", "orchestrate-demo");
    assertThat(text.exitCode()).isZero();
    assertThat(text.getOutput())
        .contains("environment     orchestrate-demo (namespace orchestrate-demo)")
        .containsPattern("RELEASE +OBJECTS +REVISION")
        .containsPattern("api-chain-registry +5 +\\S+")
        .contains("Warning  SyncFailed  1  environments/orchestrate-demo.yaml:3:13: invalid YAML");

    LaunchResult json = launcher.launch("status", "-e", "orchestrate-demo", "--output", "json");
    assertThat(json.exitCode()).isZero();
    Map<?, ?> parsed = new ObjectMapper().readValue(json.getOutput(), Map.class);
    assertThat((List<?>) parsed.get("releases")).hasSize(11);
    assertThat(parsed.get("source"))
        .isEqualTo("ConfigMap/orchestrate-demo/helmsync-inventory-orchestrate-demo");

    LaunchResult yaml = launcher.launch("status", "-e", "orchestrate-demo", "-o", "yaml");
    assertThat(yaml.exitCode()).isZero();
    assertThat(yaml.getOutput())
        .contains("environment: orchestrate-demo")
        .contains("- name: postgres");
  }

  @Test
  void anEnvironmentNoAgentSyncedIsAnErrorThatSaysSo(QuarkusMainLauncher launcher) {
    LaunchResult result = launcher.launch("status", "-e", "staging");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getOutput()).isEmpty();
    assertThat(result.getErrorOutput())
        .contains(
            "helmsync status: ConfigMap/staging/helmsync-inventory-staging is missing or empty");
  }

  @Test
  void fromTheAgentItPrintsItsApiAnswer(QuarkusMainLauncher launcher) throws IOException {
    String answer =
        """
        {"environment":"orchestrate-demo","namespace":"orchestrate-demo","source":"https://git.example/deploy.git",
         "ref":"main","dryRun":false,"state":"failing","revision":"0123456789abcdef",
         "commit":{"sha":"0123456789abcdef","message":"oops","author":"Ada","time":"2026-11-25T09:00:00Z"},
         "trigger":"webhook","finishedAt":"2026-11-25T09:00:02Z","durationMillis":120,
         "releases":[{"name":"postgres","chart":"stateful-service-0.2.0","objects":2,"drifted":1,
                       "health":"progressing","healthMessage":"Waiting for 1 pod"},
                     {"name":"raw-manifests","chart":"","objects":1,"drifted":0,"health":"healthy"}],
         "error":"environments/orchestrate-demo.yaml:3:13: invalid YAML","errorReason":"stalled",
         "recent":[{"time":"2026-11-25T09:00:02Z","trigger":"webhook","state":"failing","revision":"0123456789abcdef","summary":"invalid YAML"}]}
        """;
    HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    agent.createContext(
        "/api/status",
        exchange -> {
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    agent.start();
    try {
      String url = "http://127.0.0.1:" + agent.getAddress().getPort();
      LaunchResult text = launcher.launch("status", "--url", url);
      assertThat(text.exitCode()).isZero();
      assertThat(text.getOutput())
          .contains("state           failing")
          .contains("commit          \"oops\" by Ada, 2026-11-25T09:00:00Z")
          .contains("last reconcile  2026-11-25T09:00:02Z (webhook, 120 ms)")
          .contains(
              "error           (stalled) environments/orchestrate-demo.yaml:3:13: invalid YAML")
          .containsPattern("RELEASE +CHART +OBJECTS +DRIFTED +HEALTH\n")
          .containsPattern("postgres +stateful-service-0.2.0 +2 +1 +progressing\n")
          .containsPattern("raw-manifests +1 +0 +healthy\n");

      LaunchResult json = launcher.launch("status", "--url", url, "-o", "json");
      assertThat(new ObjectMapper().readValue(json.getOutput(), Map.class))
          .isEqualTo(new ObjectMapper().readValue(answer, Map.class));
    } finally {
      agent.stop(0);
    }
  }

  @Test
  void anUnreachableAgentIsExitOneWithTheAddressOnStderr(QuarkusMainLauncher launcher)
      throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    LaunchResult result = launcher.launch("status", "--url", "http://127.0.0.1:" + closed);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getErrorOutput())
        .contains(
            "helmsync status: http://127.0.0.1:" + closed + "/api/status: connection refused");
  }

  @Test
  void everyCommandHasHelp(QuarkusMainLauncher launcher) {
    for (String command : List.of("agent", "render", "build", "diff", "sync", "status")) {
      LaunchResult result = launcher.launch(command, "--help");
      assertThat(result.exitCode()).as(command).isZero();
      assertThat(result.getOutput())
          .as(command)
          .contains("Usage: helmsync " + command)
          .contains("--help");
    }
  }
}
