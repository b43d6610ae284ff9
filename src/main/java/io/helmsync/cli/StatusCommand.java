package io.helmsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.inventory.Inventory;
import io.helmsync.model.ReconcileException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code helmsync status}: what the agent reports, from its API ({@code --url}) or, when no agent
 * is at hand, from what it leaves in the cluster: the inventory ConfigMap and the Events on it.
 * Both hold no secret values, so both can be printed as they are.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show the agent's state: from its API with --url, else from the inventory and Events in the cluster.")
public class StatusCommand implements Callable<Integer> {
  static final int RECENT_EVENTS = 10;
  @Mixin SourceOptions source;
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The agent's address (http://helmsync.<namespace>:8080): read GET /api/status.")
  URI url;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default), json or yaml.")
  OutputFormat output = OutputFormat.TEXT;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long to wait for the agent (default: PT5S).")
  Duration timeout = Duration.ofSeconds(5);

  @Inject HelmsyncConfig config;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Map<String, Object> status = url != null ? fromAgent() : fromCluster(source.apply(config));
      print(status);
      return 0;
    } catch (Unavailable e) {
      err.println("helmsync status: " + e.getMessage());
      return 1;
    }
  }

  /** The status could not be read; the message says from where and what to try. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }
  }

  private Map<String, Object> fromAgent() throws Unavailable {
    URI api = url.resolve("/api/status");
    HttpRequest request =
        HttpRequest.newBuilder(api).timeout(timeout).header("Accept", "application/json").build();
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .build()
              .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new Unavailable(
          api + ": connection refused; is the agent running, and is --url its address?");
    } catch (HttpTimeoutException e) {
      throw new Unavailable(api + ": no answer within " + timeout.toSeconds() + " s");
    } catch (IOException e) {
      throw new Unavailable(api + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(api + ": interrupted");
    }
    if (response.statusCode() != 200) {
      throw new Unavailable(
          api + ": answered HTTP " + response.statusCode() + "; is --url a helmsync agent?");
    }
    try {
      if (OutputFormat.readJson(response.body()) instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) map;
        return status;
      }
      throw new Unavailable(api + ": the answer is not a JSON object; is --url a helmsync agent?");
    } catch (JsonProcessingException e) {
      throw new Unavailable(api + ": the answer is not JSON; is --url a helmsync agent?");
    }
  }

  private Map<String, Object> fromCluster(AgentSettings settings) throws Unavailable {
    if (!pipelines.clusterConfigured()) {
      throw new Unavailable(
          "no agent address and no Kubernetes cluster: pass --url http://<agent>:8080,"
              + " or set KUBECONFIG to read the inventory in the cluster");
    }
    String inventoryName = ConfigMapInventoryStore.name(settings.environment());
    KubernetesClient client = pipelines.client();
    try {
      Inventory inventory =
          new ConfigMapInventoryStore(client, settings.namespace(), settings.environment()).load();
      if (inventory.releases().isEmpty()) {
        throw new Unavailable(
            "ConfigMap/"
                + settings.namespace()
                + "/"
                + inventoryName
                + " is missing or empty: no agent has synced environment "
                + settings.environment()
                + " in namespace "
                + settings.namespace()
                + " yet (check -e and -n)");
      }
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("environment", settings.environment());
      status.put("namespace", settings.namespace());
      status.put("source", "ConfigMap/" + settings.namespace() + "/" + inventoryName);
      status.put(
          "releases",
          inventory.releases().entrySet().stream()
              .map(entry -> release(entry.getKey(), entry.getValue()))
              .toList());
      status.put("recent", recentEvents(client, settings.namespace(), inventoryName));
      return status;
    } catch (ReconcileException | KubernetesClientException e) {
      throw new Unavailable(e.getMessage());
    }
  }

  private static Map<String, Object> release(String name, Inventory.ReleaseEntry entry) {
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("name", name);
    release.put("objects", entry.objects().size());
    release.put("revision", entry.revision());
    return release;
  }

  private static List<Map<String, Object>> recentEvents(
      KubernetesClient client, String namespace, String inventory) {
    // Filtered here rather than by field selector, which fabric8's mock server does not implement;
    // the API server keeps Events for an hour, so the namespace's list stays short.
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(event -> inventory.equals(event.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(StatusCommand::lastSeen).reversed())
        .limit(RECENT_EVENTS)
        .map(StatusCommand::event)
        .toList();
  }

  private static String lastSeen(Event event) {
    return event.getLastTimestamp() == null ? "" : event.getLastTimestamp();
  }

  private static Map<String, Object> event(Event event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", lastSeen(event));
    line.put("type", event.getType());
    line.put("reason", event.getReason());
    line.put("count", event.getCount());
    line.put("message", event.getMessage());
    return line;
  }

  private void print(Map<String, Object> status) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(output == OutputFormat.TEXT ? StatusText.of(status) : output.write(status));
    out.flush();
  }
}
