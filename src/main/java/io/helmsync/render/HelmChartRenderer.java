package io.helmsync.render;

import io.helmsync.chart.Chart;
import io.helmsync.chart.ChartLoader;
import io.helmsync.chart.ChartReference;
import io.helmsync.chart.RemoteCharts;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.SemanticVersion;
import io.helmsync.model.VersionConstraint;
import io.helmsync.model.YamlDocuments;
import io.helmsync.model.YamlDocuments.Document;
import io.helmsync.template.TemplateException;
import io.helmsync.template.helm.HelmEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders releases whose chart is a local Helm chart (directory or {@code .tgz}), as {@code helm
 * template} does: subcharts enabled by Helm's dependency rules, values coalesced over every chart's
 * defaults, every template in one set, documents split on {@code ---} and ordered by Helm's install
 * order. Hooks and {@code crds/} come back apart: the sync runs the hooks around the release's
 * objects and applies the CustomResourceDefinitions before them. Directories of plain manifests
 * still go to {@link ManifestDirectoryRenderer}; remote charts are fetched by {@link RemoteCharts}.
 */
public final class HelmChartRenderer implements ChartRenderer {
  /** Helm's {@code releaseutil.InstallOrder}: kinds others depend on come first. */
  private static final List<String> INSTALL_ORDER =
      List.of(
          "PriorityClass",
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "PodSecurityPolicy",
          "PodDisruptionBudget",
          "ServiceAccount",
          "Secret",
          "SecretList",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "CustomResourceDefinition",
          "ClusterRole",
          "ClusterRoleList",
          "ClusterRoleBinding",
          "ClusterRoleBindingList",
          "Role",
          "RoleList",
          "RoleBinding",
          "RoleBindingList",
          "Service",
          "DaemonSet",
          "Pod",
          "ReplicationController",
          "ReplicaSet",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "IngressClass",
          "Ingress",
          "APIService",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration");

  private final ManifestDirectoryRenderer manifests = new ManifestDirectoryRenderer();
  private final ClusterView cluster;
  private final RemoteCharts remote;

  /** This renderer's engine, whose cache of parsed charts lives as long as the renderer. */
  private final HelmEngine engine = new HelmEngine();

  /** Offline, with these capabilities; remote charts are cached under the default directory. */
  public HelmChartRenderer(ChartContext context) {
    this(context, new RemoteCharts(RemoteCharts.Options.defaults()));
  }

  /** Offline with these capabilities: {@code lookup} finds nothing, as in {@code helm template}. */
  public HelmChartRenderer(ChartContext context, RemoteCharts remote) {
    this(ClusterView.offline(context), remote);
  }

  /** For a cluster: its capabilities and lookups are asked of {@code cluster} at each render. */
  public HelmChartRenderer(ClusterView cluster, RemoteCharts remote) {
    this.cluster = cluster;
    this.remote = remote;
  }

  @Override
  public RenderedRelease render(PlannedRelease release, Path root) {
    String where = release.source();
    ChartReference reference =
        ChartReference.resolve(release.chart(), release.baseDir(), root, where);
    return switch (reference.kind()) {
      case MANIFEST_DIRECTORY -> manifests.render(release, root);
      case LOCAL_CHART -> render(release, ChartLoader.load(reference.path(), where));
      case REPOSITORY, OCI ->
          render(
              release,
              remote.load(
                  release.chart(),
                  release.version(),
                  ChartRepositories.of(release.repositories(), root, where),
                  where));
    };
  }

  /** Renders a loaded chart with the release's values. */
  RenderedRelease render(PlannedRelease release, Chart chart) {
    String where = release.source();
    if (chart.isLibrary()) {
      throw ReconcileException.stalled(
          where
              + ": chart "
              + chart.path()
              + " is a library chart, "
              + "which only lends templates to other charts; list it as a dependency of an "
              + "application chart instead");
    }
    Map<String, Object> user = ChartValues.asHelmValues(release.values());
    ChartTree tree = ValueImports.apply(ChartTree.resolve(chart, user, where), where);
    Map<String, Object> values = ChartValues.coalesce(tree, user, where);
    ValuesSchema.validate(tree, values, where);
    ChartContext context = cluster.context().get();
    requireSupportedKubeVersion(chart, context, where);
    ChartScopes scopes = ChartScopes.of(tree, values);
    Map<String, String> rendered;
    try {
      rendered =
          engine.render(
              scopes.templates(),
              path -> context.data(scopes.scopeOf(path), release),
              new HelmEngine.Options(false, cluster.lookup()));
    } catch (TemplateException e) {
      String message = where + ": chart " + chart.path() + ": " + e.getMessage();
      ReconcileException cause = clusterCause(e);
      if (cause != null) {
        throw new ReconcileException(cause.reason(), message, e);
      }
      throw ReconcileException.stalled(message + "; fix the template or the values it reads", e);
    }
    return split(release, chart, rendered, crds(tree, tree.name(), where), where);
  }

  /**
   * Helm's check of {@code kubeVersion} against {@code .Capabilities.KubeVersion}, with its
   * wording; a constraint or version that does not parse does not match, as in Helm.
   */
  private static void requireSupportedKubeVersion(Chart chart, ChartContext context, String where) {
    String constraint = chart.kubeVersion();
    if (constraint.isEmpty() || satisfies(constraint, context.kubeVersion())) {
      return;
    }
    throw ReconcileException.stalled(
        where
            + ": chart "
            + chart.path()
            + ": chart requires kubeVersion: "
            + constraint
            + " which is incompatible with Kubernetes "
            + context.kubeVersion()
            + "; use a chart version made for this cluster");
  }

  /** The cluster's failure behind a template error (a {@code lookup} refused), if that is it. */
  private static ReconcileException clusterCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ReconcileException reconcile) {
        return reconcile;
      }
    }
    return null;
  }

  /** Masterminds semver, as Helm's {@code IsCompatibleRange} and Sprig's {@code semverCompare}. */
  private static boolean satisfies(String constraint, String version) {
    try {
      return VersionConstraint.parse(constraint).matches(SemanticVersion.parse(version));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static RenderedRelease split(
      PlannedRelease release,
      Chart chart,
      Map<String, String> rendered,
      List<Manifest> crds,
      String where) {
    List<Manifest> objects = new ArrayList<>();
    List<Manifest> hooks = new ArrayList<>();
    rendered.keySet().stream()
        .sorted()
        .forEach(
            path -> {
              if (path.endsWith("NOTES.txt")) {
                return;
              }
              for (Manifest object : objects(rendered.get(path), path, where)) {
                (Hook.isHook(object) ? hooks : objects).add(object);
              }
            });
    return new RenderedRelease(
        release.name(),
        release.namespace(),
        inInstallOrder(objects),
        inInstallOrder(hooks).stream().map(Hook::of).toList(),
        crds,
        chart.nameAndVersion());
  }

  /** Helm's {@code SplitManifests}: documents that are only whitespace or comments are dropped. */
  private static List<Manifest> objects(String text, String path, String where) {
    List<Manifest> out = new ArrayList<>();
    for (String document : ManifestDocuments.split(text.strip())) {
      if (document.isBlank()) {
        continue;
      }
      // Helm prints each document with a final newline, which block scalars at its end keep.
      for (Document parsed : YamlDocuments.parseRendered(document + "\n", where + " " + path)) {
        ManifestDirectoryRenderer.addObjects(parsed.content(), path, out);
      }
    }
    return out;
  }

  /** The {@code crds/} files of the chart, then of its enabled subcharts, depth first. */
  private static List<Manifest> crds(ChartTree tree, String prefix, String where) {
    List<Manifest> out = new ArrayList<>();
    for (String file : tree.chart().crdFiles()) {
      String text = new String(tree.chart().files().get(file), StandardCharsets.UTF_8);
      out.addAll(objects(text, prefix + "/" + file, where));
    }
    for (ChartTree child : tree.children()) {
      out.addAll(crds(child, prefix + "/charts/" + child.name(), where));
    }
    return out;
  }

  /**
   * Helm's {@code sortManifestsByKind}: a stable sort by the install order, kinds it does not know
   * last in alphabetical order.
   */
  private static List<Manifest> inInstallOrder(List<Manifest> objects) {
    List<Manifest> sorted = new ArrayList<>(objects);
    sorted.sort(
        Comparator.comparingInt(HelmChartRenderer::installRank)
            .thenComparing(
                object -> INSTALL_ORDER.contains(object.ref().kind()) ? "" : object.ref().kind()));
    return sorted;
  }

  private static int installRank(Manifest object) {
    int rank = INSTALL_ORDER.indexOf(object.ref().kind());
    return rank < 0 ? INSTALL_ORDER.size() : rank;
  }
}
