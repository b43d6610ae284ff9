package io.helmsync.render;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level object a chart's templates see besides {@code .Values}: {@code .Release} as a first
 * install, {@code .Chart} from {@code Chart.yaml}, {@code .Capabilities} (the cluster's version and
 * API versions, discovered from the cluster, or offline Helm's defaults), {@code .Files} and {@code
 * .Subcharts}.
 *
 * @param kubeVersion e.g. {@code v1.33.0}
 * @param apiVersions the group/versions {@code .Capabilities.APIVersions.Has} knows
 */
public record ChartContext(String kubeVersion, Set<String> apiVersions) {
  /**
   * What {@code helm template} assumes without a cluster: every API version of the client-go scheme
   * that Helm 3.21 is built with ({@code chartutil.DefaultVersionSet}).
   */
  public static ChartContext offline() {
    return new ChartContext(
        "v1.33.0",
        Set.of(
            "v1",
            "admissionregistration.k8s.io/v1",
            "admissionregistration.k8s.io/v1alpha1",
            "admissionregistration.k8s.io/v1beta1",
            "internal.apiserver.k8s.io/v1alpha1",
            "apps/v1",
            "apps/v1beta1",
            "apps/v1beta2",
            "authentication.k8s.io/v1",
            "authentication.k8s.io/v1alpha1",
            "authentication.k8s.io/v1beta1",
            "authorization.k8s.io/v1",
            "authorization.k8s.io/v1beta1",
            "autoscaling/v1",
            "autoscaling/v2",
            "autoscaling/v2beta1",
            "autoscaling/v2beta2",
            "batch/v1",
            "batch/v1beta1",
            "certificates.k8s.io/v1",
            "certificates.k8s.io/v1beta1",
            "certificates.k8s.io/v1alpha1",
            "coordination.k8s.io/v1alpha2",
            "coordination.k8s.io/v1beta1",
            "coordination.k8s.io/v1",
            "discovery.k8s.io/v1",
            "discovery.k8s.io/v1beta1",
            "events.k8s.io/v1",
            "events.k8s.io/v1beta1",
            "extensions/v1beta1",
            "flowcontrol.apiserver.k8s.io/v1",
            "flowcontrol.apiserver.k8s.io/v1beta1",
            "flowcontrol.apiserver.k8s.io/v1beta2",
            "flowcontrol.apiserver.k8s.io/v1beta3",
            "networking.k8s.io/v1",
            "networking.k8s.io/v1beta1",
            "node.k8s.io/v1",
            "node.k8s.io/v1alpha1",
            "node.k8s.io/v1beta1",
            "policy/v1",
            "policy/v1beta1",
            "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1",
            "rbac.authorization.k8s.io/v1alpha1",
            "resource.k8s.io/v1",
            "resource.k8s.io/v1beta2",
            "resource.k8s.io/v1beta1",
            "resource.k8s.io/v1alpha3",
            "scheduling.k8s.io/v1alpha1",
            "scheduling.k8s.io/v1beta1",
            "scheduling.k8s.io/v1",
            "storage.k8s.io/v1beta1",
            "storage.k8s.io/v1",
            "storage.k8s.io/v1alpha1",
            "storagemigration.k8s.io/v1beta1",
            "apiextensions.k8s.io/v1beta1",
            "apiextensions.k8s.io/v1"));
  }

  /** The same API versions with another {@code .Capabilities.KubeVersion}, e.g. {@code v1.29.0}. */
  public ChartContext withKubeVersion(String version) {
    return new ChartContext(version, apiVersions);
  }

  Map<String, Object> data(ChartScopes.Scope scope, PlannedRelease release) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Values", scope.values());
    data.put("Release", release(release));
    data.put("Chart", chart(scope.tree()));
    data.put("Capabilities", capabilities());
    data.put("Files", new ChartFiles(scope.tree().chart().files()));
    data.put("Subcharts", subcharts(scope, release));
    return data;
  }

  /**
   * {@code .Subcharts}: each enabled subchart under its name or alias with the objects its own
   * templates see, so {@code (index .Subcharts "db").Values} are the values db renders with.
   */
  private Map<String, Object> subcharts(ChartScopes.Scope scope, PlannedRelease release) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ChartScopes.Scope child : scope.children()) {
      out.put(child.tree().name(), data(child, release));
    }
    return out;
  }

  private static Map<String, Object> release(PlannedRelease release) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Name", release.name());
    out.put("Namespace", release.namespace());
    out.put("IsInstall", true);
    out.put("IsUpgrade", false);
    out.put("Revision", 1L);
    out.put("Service", "Helm");
    return out;
  }

  /**
   * Chart.yaml's fields under Go's names ({@code appVersion} is {@code .Chart.AppVersion}); an
   * aliased subchart is named by its alias, as Helm renames it.
   */
  private static Map<String, Object> chart(ChartTree tree) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String field :
        List.of(
            "Name",
            "Home",
            "Version",
            "Description",
            "Icon",
            "Condition",
            "Tags",
            "AppVersion",
            "KubeVersion",
            "Type")) {
      out.put(field, "");
    }
    tree.chart().metadata().forEach((key, value) -> out.put(goName(key), value));
    out.put("Name", tree.name());
    return out;
  }

  private static String goName(String key) {
    return switch (key) {
      case "apiVersion" -> "APIVersion";
      default -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
    };
  }

  private Map<String, Object> capabilities() {
    String[] parts = kubeVersion.substring(1).split("\\.");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KubeVersion", new KubeVersion(kubeVersion, parts[0], parts[1]));
    out.put("APIVersions", new ApiVersions(apiVersions));
    out.put("HelmVersion", Map.of("Version", "v3.21.0"));
    return out;
  }

  /** {@code .Capabilities.KubeVersion}: prints as its version. */
  private record KubeVersion(String version, String major, String minor) implements GoStruct {
    @Override
    public String goType() {
      return "*common.KubeVersion";
    }

    @Override
    public Optional<Object> member(String name) {
      return Optional.ofNullable(
          switch (name) {
            case "Version", "GitVersion" -> version;
            case "Major" -> major;
            case "Minor" -> minor;
            case "String" -> GoFunction.of(a -> version);
            default -> null;
          });
    }

    @Override
    public String toString() {
      return version;
    }
  }

  /**
   * {@code .Capabilities.APIVersions.Has "apps/v1"}: an exact entry of the set, as Helm's {@code
   * VersionSet.Has}; discovered from a cluster, the set also holds {@code apps/v1/Deployment}.
   */
  private record ApiVersions(Set<String> versions) implements GoStruct {
    @Override
    public String goType() {
      return "common.VersionSet";
    }

    @Override
    public Optional<Object> member(String name) {
      return name.equals("Has")
          ? Optional.of(GoFunction.of(a -> has((String) a[0]), GoType.STRING))
          : Optional.empty();
    }

    private boolean has(String version) {
      return versions.contains(version);
    }
  }
}
