package io.helmsync.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Differ;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.KindScopes;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ScopePolicy;
import io.helmsync.chart.RemoteCharts;
import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Trigger;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ClusterSide;
import io.helmsync.reconcile.ClusterSync;
import io.helmsync.reconcile.Reconciler;
import io.helmsync.reconcile.ReleaseHealth;
import io.helmsync.reconcile.ServerSideSync;
import io.helmsync.reconcile.SyncEvents;
import io.helmsync.render.ChartContext;
import io.helmsync.render.ClusterView;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.secret.AwsClients;
import io.helmsync.secret.EnvironmentSecret;
import io.helmsync.secret.SecretResolver;
import io.helmsync.secret.SopsFiles;
import io.helmsync.secret.SopsSecret;
import io.helmsync.secret.sops.KmsKeys;
import io.helmsync.secret.sops.SopsKeys;
import io.helmsync.source.DirectorySource;
import io.helmsync.source.GitCredentials;
import io.helmsync.source.GitSource;
import io.helmsync.source.GitSpec;
import io.helmsync.source.MeasuredSource;
import io.helmsync.source.Source;
import io.helmsync.template.helmfile.EnvAllowlist;
import io.helmsync.template.helmfile.HelmfileFunctions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Assembles the pipeline stages for a set of {@link AgentSettings}. The Kubernetes client is only
 * created when a cluster is configured and the settings are not a dry run, so that rendering never
 * needs a cluster.
 */
@ApplicationScoped
public class Pipelines {
  private final Instance<KubernetesClient> clients;
  private final Optional<String> apiServerUrl;
  private final Optional<String> envSecret;
  private final PruneOptions pruneOptions;
  private final boolean gotmplOnly;
  private final HelmfileFunctions.Options functions;
  private final Map<String, String> environment = System.getenv();
  private final SecretResolver secrets;
  private final Optional<Boolean> secretPlaceholders;
  private final RemoteCharts charts;
  private final ClusterSide.WatchOptions watchOptions;
  private final ReconcileMetrics metrics;
  private final ScopePolicy scope;
  private ClusterSide clusterSide;

  public Pipelines(
      Instance<KubernetesClient> clients,
      @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
          Optional<String> apiServerUrl,
      HelmsyncConfig config,
      Instance<SecretsManagerClient> secretsManager,
      @ConfigProperty(name = "quarkus.secretsmanager.endpoint-override") Optional<URI> endpoint,
      ReconcileMetrics metrics) {
    this.clients = clients;
    this.metrics = metrics;
    this.watchOptions =
        new ClusterSide.WatchOptions(
            DriftPolicy.parse(config.driftIgnore().orElse(List.of())),
            config.selfHeal(),
            config.suspend());
    this.apiServerUrl = apiServerUrl;
    this.envSecret = config.envSecret().filter(name -> !name.isBlank());
    this.pruneOptions = PruneOptions.defaults().withAllowMassPrune(config.allowMassPrune());
    this.gotmplOnly = config.helmfileV1Mode();
    this.scope = ScopePolicy.of(config.allowedNamespaces(), config.allowClusterScoped());
    this.functions =
        HelmfileFunctions.Options.defaults().withEnvAllow(EnvAllowlist.parse(config.envAllow()));
    this.secretPlaceholders = config.secretPlaceholders();
    // One resolver for the process, so that its cache outlives each reconcile.
    AwsClients aws = new AwsClients(secretsManager::get, endpoint);
    Optional<Supplier<SopsKeys>> sopsSecret =
        config
            .sopsSecret()
            .filter(name -> !name.isBlank() && clusterConfigured())
            .map(
                name -> new SopsSecret(this::client, AgentSettings.from(config).namespace(), name));
    this.secrets =
        SecretResolver.of(
                aws,
                clusterConfigured() ? this::client : null,
                config.secretRefresh(),
                (backend, result) -> metrics.secretRequested(backend, result.label()))
            .withSops(
                new SopsFiles(
                    SopsFiles.keys(sopsSecret, config.sopsKeysDir()),
                    new KmsKeys(aws.credentials(), endpoint)));
    // One chart source for the process, so that its index cache outlives each reconcile.
    this.charts =
        new RemoteCharts(
            RemoteCharts.Options.defaults()
                .withCacheDir(config.chartCache().orElse(config.workDir().resolve("charts"))));
  }

  /** The process's remote chart source (repositories, OCI registries, the chart cache). */
  public RemoteCharts charts() {
    return charts;
  }

  /**
   * True when there is a cluster to talk to: an API server URL configured, running in a pod, or a
   * kubeconfig file.
   */
  public boolean clusterConfigured() {
    if (apiServerUrl.isPresent() || environment.containsKey("KUBERNETES_SERVICE_HOST")) {
      return true;
    }
    String kubeconfig = environment.get("KUBECONFIG");
    Path file =
        kubeconfig != null && !kubeconfig.isBlank()
            ? Path.of(kubeconfig.split(java.io.File.pathSeparator)[0])
            : Path.of(System.getProperty("user.home"), ".kube", "config");
    return Files.isRegularFile(file);
  }

  /** The process's secret resolver, whose cache the agent refreshes to detect rotation. */
  public SecretResolver secrets() {
    return secrets;
  }

  /** The resolver a load with these settings uses: {@code HELMSYNC_SECRET_PLACEHOLDERS} decides. */
  private SecretResolver secrets(AgentSettings settings, boolean automaticPlaceholders) {
    return secrets.orPlaceholders(
        secretPlaceholders, automaticPlaceholders, !settings.dryRun(), clusterConfigured());
  }

  /** The cluster's client; only call when {@link #clusterConfigured()}. */
  public KubernetesClient client() {
    return clients.get();
  }

  /**
   * The reconciler of {@code sync --once} and {@code diff}: applies unless a dry run, and renders
   * for the cluster ({@code .Capabilities} discovered, {@code lookup} live) when one is configured.
   *
   * @throws IllegalArgumentException when no source is configured
   */
  public Reconciler reconciler(AgentSettings settings) {
    if (!clusterConfigured()) {
      return reconciler(settings, Optional.empty(), offline(), KindScopes.OFFLINE, false);
    }
    Optional<ClusterSync> cluster =
        settings.dryRun()
            ? Optional.empty()
            : Optional.of(clusterSide().once(settings, watchOptions.driftPolicy()));
    return reconciler(settings, cluster, clusterSide().view(), clusterSide().kindScopes(), false);
  }

  /**
   * The differ of {@code diff}: it ignores the paths and prunes by the rules a sync of {@link
   * #reconciler} does. Only call when {@link #clusterConfigured()}.
   */
  public Differ differ(AgentSettings settings) {
    return new Differ(client(), settings.environment(), watchOptions.driftPolicy(), pruneOptions);
  }

  /**
   * The reconciler of {@code render}: never asks a cluster, charts see Helm's offline {@code
   * .Capabilities} and {@code lookup} finds nothing, as with {@code helm template}.
   */
  public Reconciler offlineReconciler(AgentSettings settings) {
    return reconciler(
        settings.withDryRun(true), Optional.empty(), offline(), KindScopes.OFFLINE, false);
  }

  private Reconciler reconciler(
      AgentSettings settings,
      Optional<ClusterSync> cluster,
      ClusterView view,
      KindScopes kinds,
      boolean automaticPlaceholders) {
    return new Reconciler(
        source(settings),
        new HelmfileLoader(stateOptions(settings, secrets(settings, automaticPlaceholders))),
        new ReleasePlanner(settings.namespace()),
        new HelmChartRenderer(view, charts),
        cluster,
        settings.environment(),
        scope.check(settings.namespace(), kinds));
  }

  private static ClusterView offline() {
    return ClusterView.offline(ChartContext.offline());
  }

  /** One cluster side for the process, so that its discovery outlives reconciles. */
  private synchronized ClusterSide clusterSide() {
    if (clusterSide == null) {
      clusterSide = new ClusterSide(client(), pruneOptions);
    }
    return clusterSide;
  }

  /**
   * The agent's reconciler and how it reads each release's health after a sync.
   *
   * @param releaseHealth from the same informer cache the reconciler applies from; none in dry-run
   */
  public record Agent(Reconciler reconciler, ReleaseHealth releaseHealth) {}

  /**
   * The agent: with a cluster, applies through informers that also watch for drift (heals are asked
   * of {@code request}), and in dry-run reports what it would change without writing; without a
   * cluster, renders only.
   *
   * @param sink where drift corrections are reported
   * @param events where each new revision the agent applies is announced
   */
  public Agent agent(
      AgentSettings settings, Consumer<Trigger> request, EventSink sink, SyncEvents events) {
    if (!clusterConfigured()) {
      return new Agent(
          reconciler(settings, Optional.empty(), offline(), KindScopes.OFFLINE, true),
          ReleaseHealth.NONE);
    }
    ServerSideSync cluster =
        clusterSide().agent(settings, watchOptions, metrics, sink, events, request);
    return new Agent(
        reconciler(
            settings,
            Optional.<ClusterSync>of(cluster),
            clusterSide().view(),
            clusterSide().kindScopes(),
            false),
        settings.dryRun() ? ReleaseHealth.NONE : cluster.releaseHealth());
  }

  /**
   * How helmfile state is read: {@code env}/{@code requiredEnv} see what {@code HELMSYNC_ENV_ALLOW}
   * allows of the agent's environment and, when {@code HELMSYNC_ENV_SECRET} names one and a cluster
   * is configured, that Secret's keys.
   */
  public StateOptions stateOptions(AgentSettings settings) {
    return stateOptions(settings, secrets(settings, false));
  }

  private StateOptions stateOptions(AgentSettings settings, SecretResolver resolver) {
    StateOptions options =
        StateOptions.of(settings.stateFile(), settings.namespace(), environment)
            .withGotmplOnly(gotmplOnly)
            .withSecrets(resolver)
            .withFunctions(functions);
    if (envSecret.isEmpty() || !clusterConfigured()) {
      return options;
    }
    EnvironmentSecret secret =
        new EnvironmentSecret(client(), settings.namespace(), envSecret.get());
    return new StateOptions(
        options.stateFile(),
        options.namespace(),
        options.gotmplOnly(),
        () -> secret.variables(environment),
        secret::secretNames,
        options.secrets(),
        options.functions());
  }

  /** The helmfile state of the settings' environment, read from the current revision. */
  public HelmfileState state(AgentSettings settings) {
    return new HelmfileLoader(stateOptions(settings))
        .load(source(settings).fetch(null), settings.environment());
  }

  private Source source(AgentSettings settings) {
    if (settings.repoDir().isPresent()) {
      return new DirectorySource(settings.repoDir().get());
    }
    String url =
        settings
            .gitUrl()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no configuration repository: set HELMSYNC_GIT_URL or pass --repo DIR"));
    GitSpec spec =
        GitSpec.of(url, settings.workDir())
            .withRef(settings.gitRef())
            .withCredentials(GitCredentials.from(environment));
    return new MeasuredSource(new GitSource(spec), metrics::gitFetched);
  }
}
