package io.helmsync.render;

import io.helmsync.chart.Chart;
import io.helmsync.chart.ChartLoader;
import io.helmsync.chart.ChartReference;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.YamlDocuments;
import io.helmsync.model.YamlDocuments.Document;
import io.helmsync.template.HelmEngine;
import io.helmsync.template.TemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders releases whose chart is a local Helm chart, as {@code helm template} does: values
 * coalesced over the chart's defaults (and each enabled subchart's, with {@code global:} passed
 * down), every template of the chart and its subcharts in one set, documents split on {@code ---}
 * and ordered by Helm's install order. Objects annotated as Helm hooks are returned apart and not
 * applied: hooks are not run by this version. Directories of plain manifests still go to
 * {@link ManifestDirectoryRenderer}; remote charts stop with a message.
 */
public final class HelmChartRenderer implements ChartRenderer {
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  /** Helm's {@code releaseutil.InstallOrder}: kinds others depend on come first. */
  private static final List<String> INSTALL_ORDER = List.of("PriorityClass", "Namespace",
      "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
      "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
      "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
      "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet",
      "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass",
      "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
  static final String HOOK_ANNOTATION = "helm.sh/hook";

  private final ManifestDirectoryRenderer manifests = new ManifestDirectoryRenderer();
  private final ChartContext context;

  public HelmChartRenderer(ChartContext context) {
    this.context = context;
  }

  @Override
  public RenderedRelease render(PlannedRelease release, Path root) {
    String where = release.source();
    ChartReference reference = ChartReference.resolve(release.chart(), release.baseDir(), root, where);
    return switch (reference.kind()) {
      case MANIFEST_DIRECTORY -> manifests.render(release, root);
      case LOCAL_CHART -> renderChart(release, reference.path(), root, where);
      case REPOSITORY, OCI -> throw ReconcileException.stalled(where + ": chart '"
          + release.chart() + "' is fetched from a " + reference.kind().toString().toLowerCase()
          + " source, which this version of helmsync does not do yet; vendor the chart into the "
          + "repository and point chart: at its directory");
    };
  }

  private RenderedRelease renderChart(PlannedRelease release, Path dir, Path root, String where) {
    if (!dir.toFile().isDirectory()) {
      throw ReconcileException.stalled(where + ": chart archive " + root.relativize(dir)
          + " is not read by this version of helmsync; unpack it into a directory");
    }
    Chart chart = ChartLoader.load(dir, where);
    Map<String, Object> values = ChartValues.coalesce(chart,
        ChartValues.asHelmValues(release.values()), where);
    ChartScopes scopes = ChartScopes.of(chart, values);
    Map<String, String> rendered;
    try {
      rendered = HelmEngine.render(scopes.templates(),
          path -> context.data(scopes.scopeOf(path), release), HelmEngine.Options.defaults());
    } catch (TemplateException e) {
      throw ReconcileException.stalled(where + ": chart " + chart.name() + ": " + e.getMessage(), e);
    }
    return split(release, rendered, where);
  }

  private static RenderedRelease split(PlannedRelease release, Map<String, String> rendered,
      String where) {
    List<Manifest> objects = new ArrayList<>();
    List<Manifest> hooks = new ArrayList<>();
    rendered.keySet().stream().sorted().forEach(path -> {
      if (path.endsWith("NOTES.txt")) {
        return;
      }
      for (String text : DOCUMENT_SEPARATOR.split(rendered.get(path))) {
        if (text.isBlank()) {
          continue;
        }
        for (Document document : YamlDocuments.parse(text, where + " " + path)) {
          List<Manifest> out = new ArrayList<>();
          ManifestDirectoryRenderer.addObjects(document.content(), path, out);
          out.forEach(object -> (isHook(object) ? hooks : objects).add(object));
        }
      }
    });
    objects.sort(Comparator.comparingInt(HelmChartRenderer::installRank)
        .thenComparing(object -> INSTALL_ORDER.contains(object.ref().kind()) ? ""
            : object.ref().kind()));
    return new RenderedRelease(release.name(), release.namespace(), objects, hooks);
  }

  private static int installRank(Manifest object) {
    int rank = INSTALL_ORDER.indexOf(object.ref().kind());
    return rank < 0 ? INSTALL_ORDER.size() : rank;
  }

  private static boolean isHook(Manifest object) {
    return object.body().get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("annotations") instanceof Map<?, ?> annotations
        && annotations.containsKey(HOOK_ANNOTATION);
  }
}
