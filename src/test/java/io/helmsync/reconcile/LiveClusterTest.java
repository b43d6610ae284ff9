package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.helmsync.apply.Applier;
import io.helmsync.apply.ApplyOptions;
import io.helmsync.apply.PruneOptions;
import io.helmsync.chart.RemoteCharts;
import io.helmsync.cluster.ClusterDiscovery;
import io.helmsync.cluster.ClusterLookup;
import io.helmsync.cluster.LiveCluster;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.observe.EventSink;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.render.RenderedRelease;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ApplyPatchDispatcher.Fault;
import io.helmsync.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The render-time view of a live cluster against the mock API server: {@code lookup} reads what the
 * cluster holds, {@code .Capabilities} is what it serves, both as Helm's {@code install} sees them
 * and unlike {@code helm template}; discovery is read once and kept.
 */
class LiveClusterTest {
  private static final Path FIXTURES =
      Path.of("src/test/resources/render/fixtures").toAbsolutePath();
  private static final String SECRET_PATH = "/api/v1/namespaces/demo/secrets/db";

  private ApplyMockServer server;
  private KubernetesClient agentClient;
  private ManualClock clock;
  private ClusterDiscovery discovery;
  private HelmChartRenderer renderer;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    // The agent's client without retries of its own, so that every injected fault reaches it.
    agentClient =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(server.client().getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    clock = new ManualClock();
    discovery = new ClusterDiscovery(agentClient, ClusterDiscovery.DEFAULT_MAX_AGE, clock);
    renderer =
        new HelmChartRenderer(
            LiveCluster.view(agentClient, discovery),
            new RemoteCharts(RemoteCharts.Options.defaults()));
  }

  @AfterEach
  void stop() {
    agentClient.close();
    server.close();
  }

  private RenderedRelease render() {
    PlannedRelease release =
        new PlannedRelease(
            "app",
            "demo",
            "./live-cluster",
            FIXTURES,
            Map.of(),
            List.of(),
            "helmfile.yaml release app");
    return renderer.render(release, FIXTURES);
  }

  private static Optional<Manifest> object(RenderedRelease rendered, String kind) {
    return rendered.manifests().stream().filter(m -> m.ref().kind().equals(kind)).findFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(RenderedRelease rendered, String kind) {
    return (Map<String, Object>) object(rendered, kind).orElseThrow().body().get("data");
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void createServiceMonitorCrd() {
    server
        .client()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("servicemonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("ServiceMonitor")
                .withPlural("servicemonitors")
                .withListKind("ServiceMonitorList")
                .withSingular("servicemonitor")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  private void createClusterObjects() {
    var client = server.client();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("demo").endMetadata().build())
        .create();
    client
        .secrets()
        .inNamespace("demo")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db")
                .endMetadata()
                .addToData("password", base64("kept-from-before"))
                .build())
        .create();
    for (String[] cm : new String[][] {{"demo", "alpha"}, {"demo", "beta"}, {"other", "gamma"}}) {
      client
          .configMaps()
          .inNamespace(cm[0])
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(cm[1])
                  .endMetadata()
                  .addToData("k", "v")
                  .build())
          .create();
    }
    client
        .apps()
        .deployments()
        .inNamespace("demo")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(3)
                .endSpec()
                .build())
        .create();
  }

  @Test
  void anEmptyClusterRendersAFirstInstallWithItsVersionAndWithoutTheMissingApi() {
    RenderedRelease rendered = render();

    assertThat(data(rendered, "Secret")).containsEntry("password", base64("first-install"));
    assertThat(object(rendered, "ServiceMonitor")).isEmpty();
    assertThat(data(rendered, "ConfigMap"))
        .containsEntry("kubeVersion", "v1.30.2")
        .containsEntry("kubeMinor", "30")
        .containsEntry("serviceMonitorKind", "false")
        .containsEntry("listKind", "ConfigMapList")
        .containsEntry("configMaps", "")
        .containsEntry("webReplicas", "none")
        .containsEntry("namespaces", "demo not found");
  }

  @Test
  void existingObjectsAndServedApisChangeTheOutputAsInHelmInstall() {
    createClusterObjects();
    createServiceMonitorCrd();
    server.dispatcher().serveKubernetesVersion("v1.29.3");

    RenderedRelease rendered = render();

    assertThat(data(rendered, "Secret")).containsEntry("password", base64("kept-from-before"));
    assertThat(object(rendered, "ServiceMonitor"))
        .get()
        .extracting(m -> m.ref().toString())
        .isEqualTo("ServiceMonitor/app");
    assertThat(data(rendered, "ConfigMap"))
        .containsEntry("kubeVersion", "v1.29.3")
        .containsEntry("kubeMinor", "29")
        .containsEntry("serviceMonitorKind", "true")
        .containsEntry("listKind", "ConfigMapList")
        // The list form: this namespace only, each item with its kind, as client-go fills it.
        .containsEntry("configMaps", "alpha/ConfigMap beta/ConfigMap ")
        // Numbers of unstructured objects are int64, as Helm's JSON decoding makes them.
        .containsEntry("webReplicas", "3 int64")
        .containsEntry("namespaces", "demo found");
  }

  @Test
  void offlineTheSameClusterContentIsNotSeenAsWithHelmTemplate() {
    createClusterObjects();
    createServiceMonitorCrd();
    renderer = new HelmChartRenderer(ChartContext.offline());
    server.dispatcher().clearRequests();

    RenderedRelease rendered = render();

    assertThat(server.dispatcher().requests()).isEmpty();
    assertThat(data(rendered, "Secret")).containsEntry("password", base64("first-install"));
    assertThat(object(rendered, "ServiceMonitor")).isEmpty();
    assertThat(data(rendered, "ConfigMap"))
        .containsEntry("kubeVersion", "v1.33.0")
        .containsEntry("serviceMonitorKind", "false")
        .containsEntry("webReplicas", "none");
  }

  @Test
  void aRefusedLookupStallsTheRenderNamingTheObjectAndTheMissingPermission() {
    server.dispatcher().refuse("GET", SECRET_PATH, 403);

    assertThatThrownBy(this::render)
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .contains(
                      "helmfile.yaml release app: chart ",
                      "live-cluster/templates/secret.yaml",
                      "error calling lookup: Secret/demo/db: lookup "
                          + "(apiVersion v1) failed (HTTP 403)",
                      "the agent's Role lacks `get` on secrets in demo")
                  .doesNotContain("fix the template");
            });
  }

  @Test
  void aLookupOfAnApiTheClusterDoesNotServeStallsAsInHelmAndNotFoundIsEmpty() {
    ClusterLookup lookup = new ClusterLookup(agentClient, discovery);

    assertThatThrownBy(
            () -> lookup.lookup("monitoring.coreos.com/v1", "ServiceMonitor", "demo", "app"))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .startsWith(
                      "ServiceMonitor/demo/app: lookup (apiVersion "
                          + "monitoring.coreos.com/v1) failed: apiVersion monitoring.coreos.com/v1 is not "
                          + "served by the cluster");
            });
    createServiceMonitorCrd();
    // Not in the kept discovery, so its resource list is read: the CRD is served now.
    assertThat(lookup.lookup("monitoring.coreos.com/v1", "ServiceMonitor", "demo", "app"))
        .isEmpty();
    assertThat(lookup.lookup("v1", "NoSuchKind", "demo", "x")).isEmpty();
  }

  @Test
  void aServerErrorInALookupIsTransient() {
    server.dispatcher().inject("GET", SECRET_PATH, new Fault(503));

    assertThatThrownBy(this::render)
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
              assertThat(e.getMessage())
                  .contains("Secret/demo/db: lookup (apiVersion v1) failed (HTTP 503)");
            });
  }

  @Test
  void failedDiscoveryFailsTheRenderAsTransientInsteadOfFallingBackToDefaults() {
    server.dispatcher().inject("GET", "/apis", new Fault(503));

    assertThatThrownBy(this::render)
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
              assertThat(e.getMessage()).contains("cluster discovery failed: GET /apis (HTTP 503)");
            });
    assertThat(data(render(), "ConfigMap")).containsEntry("kubeVersion", "v1.30.2");
  }

  private long discoveryRequests() {
    return server.dispatcher().requests().stream().filter(r -> r.isDiscovery()).count();
  }

  @Test
  void discoveryIsReadOnceAndAgainOnlyWhenOldOrAfterACrdChange() {
    render();
    long first = discoveryRequests();
    server.dispatcher().clearRequests();

    render();
    long second = discoveryRequests();
    createServiceMonitorCrd();
    boolean stale = object(render(), "ServiceMonitor").isPresent();
    clock.advance(ClusterDiscovery.DEFAULT_MAX_AGE);
    boolean afterMaxAge = object(render(), "ServiceMonitor").isPresent();

    // /version, /api, /apis, then one resource list per group/version.
    assertThat(first).isGreaterThan(3);
    assertThat(second).isZero();
    assertThat(stale).as("a cached discovery does not see the new CRD").isFalse();
    assertThat(afterMaxAge).isTrue();
    System.out.println(
        "FIGURE: discovery requests per render with a live cluster: first "
            + first
            + ", later "
            + second
            + " (until "
            + ClusterDiscovery.DEFAULT_MAX_AGE
            + " old or a CRD applied by helmsync)");
  }

  @Test
  void applyingACrdMakesTheNextRenderDiscoverAgain() {
    render();
    createServiceMonitorCrd();
    ObjectRef crd =
        new ObjectRef(
            "apiextensions.k8s.io/v1",
            "CustomResourceDefinition",
            "",
            "servicemonitors.monitoring.coreos.com");
    Applier unchanged =
        (desired, options) ->
            new ChangeSet(List.of(new ChangeSet.Entry(crd, "prometheus", Action.UNCHANGED, "")));
    Applier applied =
        (desired, options) ->
            new ChangeSet(List.of(new ChangeSet.Entry(crd, "prometheus", Action.CREATED, "")));

    sync(unchanged).sync(prometheus());
    boolean afterUnchanged = object(render(), "ServiceMonitor").isPresent();
    sync(applied).sync(prometheus());
    server.dispatcher().clearRequests();
    boolean afterCreated = object(render(), "ServiceMonitor").isPresent();

    assertThat(afterUnchanged).isFalse();
    assertThat(afterCreated).isTrue();
    assertThat(discoveryRequests()).isGreaterThan(3);
  }

  /** A sync that applies with {@code applier} and discovers again through this test's discovery. */
  private ServerSideSync sync(Applier applier) {
    return OnceSyncs.of(
        agentClient,
        applier,
        ApplyOptions.defaults(),
        PruneOptions.defaults(),
        new SyncEvents(EventSink.NONE),
        discovery);
  }

  /** One release of one ConfigMap; the fake appliers answer for it. */
  private static DesiredState prometheus() {
    Map<String, Object> body =
        Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "prometheus"));
    Manifest configMap =
        Ownership.label(
            new Manifest(new ObjectRef("v1", "ConfigMap", "", "prometheus"), body, "cm.yaml"),
            "demo",
            "prometheus",
            "demo",
            "r1");
    return new DesiredState(
        "demo", "r1", List.of(new DesiredRelease("prometheus", "demo", List.of(configMap))));
  }
}
