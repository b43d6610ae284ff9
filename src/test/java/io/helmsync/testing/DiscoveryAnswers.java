package io.helmsync.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server's discovery documents for {@link ApplyPatchDispatcher}, which fabric8's CRUD mock
 * answers with unrelated lists: {@code /version}, {@code /api} ({@code APIVersions}), {@code /apis}
 * ({@code APIGroupList}), {@code /api/v1} and {@code /apis/<group>/<version>} ({@code
 * APIResourceList}). The built-in groups are a kind cluster's usual ones; the
 * CustomResourceDefinitions stored in the mock add their groups, versions and kinds, as on a real
 * server.
 */
final class DiscoveryAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([^/]+)/([^/]+)");

  /** {@code group/version plural Kind scope}: what a cluster without extensions serves. */
  private static final List<String> BUILT_IN =
      List.of(
          "v1 configmaps ConfigMap ns",
          "v1 endpoints Endpoints ns",
          "v1 events Event ns",
          "v1 limitranges LimitRange ns",
          "v1 namespaces Namespace cluster",
          "v1 nodes Node cluster",
          "v1 persistentvolumeclaims PersistentVolumeClaim ns",
          "v1 persistentvolumes PersistentVolume cluster",
          "v1 pods Pod ns",
          "v1 pods/log Pod ns",
          "v1 replicationcontrollers ReplicationController ns",
          "v1 resourcequotas ResourceQuota ns",
          "v1 secrets Secret ns",
          "v1 serviceaccounts ServiceAccount ns",
          "v1 services Service ns",
          "apps/v1 controllerrevisions ControllerRevision ns",
          "apps/v1 daemonsets DaemonSet ns",
          "apps/v1 deployments Deployment ns",
          "apps/v1 deployments/scale Scale ns",
          "apps/v1 replicasets ReplicaSet ns",
          "apps/v1 statefulsets StatefulSet ns",
          "batch/v1 cronjobs CronJob ns",
          "batch/v1 jobs Job ns",
          "autoscaling/v1 horizontalpodautoscalers HorizontalPodAutoscaler ns",
          "autoscaling/v2 horizontalpodautoscalers HorizontalPodAutoscaler ns",
          "networking.k8s.io/v1 ingressclasses IngressClass cluster",
          "networking.k8s.io/v1 ingresses Ingress ns",
          "networking.k8s.io/v1 networkpolicies NetworkPolicy ns",
          "policy/v1 poddisruptionbudgets PodDisruptionBudget ns",
          "rbac.authorization.k8s.io/v1 clusterrolebindings ClusterRoleBinding cluster",
          "rbac.authorization.k8s.io/v1 clusterroles ClusterRole cluster",
          "rbac.authorization.k8s.io/v1 rolebindings RoleBinding ns",
          "rbac.authorization.k8s.io/v1 roles Role ns",
          "coordination.k8s.io/v1 leases Lease ns",
          "events.k8s.io/v1 events Event ns",
          "discovery.k8s.io/v1 endpointslices EndpointSlice ns",
          "apiextensions.k8s.io/v1 customresourcedefinitions CustomResourceDefinition cluster",
          "storage.k8s.io/v1 storageclasses StorageClass cluster",
          "scheduling.k8s.io/v1 priorityclasses PriorityClass cluster",
          "admissionregistration.k8s.io/v1 mutatingwebhookconfigurations "
              + "MutatingWebhookConfiguration cluster",
          "admissionregistration.k8s.io/v1 validatingwebhookconfigurations "
              + "ValidatingWebhookConfiguration cluster");

  private DiscoveryAnswers() {}

  /** A discovery path, GET only, without its query. */
  static boolean isDiscovery(String path) {
    return path.equals("/version")
        || path.equals("/api")
        || path.equals("/apis")
        || path.equals("/api/v1")
        || GROUP_VERSION.matcher(path).matches();
  }

  /**
   * The document for {@code path}, or empty for a group/version that is not served (404).
   *
   * @param crds the CustomResourceDefinitions stored in the mock, as JSON maps
   * @param gitVersion e.g. {@code v1.30.2}
   */
  static Optional<String> answer(String path, List<Map<String, Object>> crds, String gitVersion) {
    Map<String, List<Map<String, Object>>> served = served(crds);
    return switch (path) {
      case "/version" -> Optional.of(write(version(gitVersion)));
      case "/api" ->
          Optional.of(
              write(
                  Map.of(
                      "kind",
                      "APIVersions",
                      "versions",
                      List.of("v1"),
                      "serverAddressByClientCIDRs",
                      List.of(
                          Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1:6443")))));
      case "/apis" -> Optional.of(write(groups(served)));
      default -> {
        Matcher matcher = GROUP_VERSION.matcher(path);
        String groupVersion = matcher.matches() ? matcher.group(1) + "/" + matcher.group(2) : "v1";
        List<Map<String, Object>> resources = served.get(groupVersion);
        yield resources == null
            ? Optional.empty()
            : Optional.of(
                write(
                    Map.of(
                        "kind",
                        "APIResourceList",
                        "apiVersion",
                        "v1",
                        "groupVersion",
                        groupVersion,
                        "resources",
                        resources)));
      }
    };
  }

  private static Map<String, Object> version(String gitVersion) {
    String[] parts = gitVersion.substring(1).split("\\.");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("major", parts[0]);
    out.put("minor", parts[1]);
    out.put("gitVersion", gitVersion);
    out.put("gitCommit", "0000000000000000000000000000000000000000");
    out.put("gitTreeState", "clean");
    out.put("buildDate", "2024-06-11T20:20:00Z");
    out.put("goVersion", "go1.22.4");
    out.put("compiler", "gc");
    out.put("platform", "linux/amd64");
    return out;
  }

  /** Resources by group/version: the built-in ones, then every served version of every CRD. */
  private static Map<String, List<Map<String, Object>>> served(List<Map<String, Object>> crds) {
    Map<String, List<Map<String, Object>>> served = new LinkedHashMap<>();
    for (String line : BUILT_IN) {
      String[] f = line.split(" ");
      served
          .computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(resource(f[1], f[2], f[3].equals("ns")));
    }
    for (Map<String, Object> crd : crds) {
      Map<?, ?> spec = (Map<?, ?>) crd.get("spec");
      Map<?, ?> names = (Map<?, ?>) spec.get("names");
      for (Object version : (List<?>) spec.get("versions")) {
        Map<?, ?> v = (Map<?, ?>) version;
        if (Boolean.FALSE.equals(v.get("served"))) {
          continue;
        }
        served
            .computeIfAbsent(spec.get("group") + "/" + v.get("name"), k -> new ArrayList<>())
            .add(
                resource(
                    (String) names.get("plural"),
                    (String) names.get("kind"),
                    "Namespaced".equals(spec.get("scope"))));
      }
    }
    return served;
  }

  private static Map<String, Object> resource(String plural, String kind, boolean namespaced) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", plural);
    out.put("singularName", plural.contains("/") ? "" : kind.toLowerCase(java.util.Locale.ROOT));
    out.put("namespaced", namespaced);
    out.put("kind", kind);
    out.put(
        "verbs",
        plural.contains("/")
            ? List.of("get")
            : List.of("create", "delete", "get", "list", "patch", "update", "watch"));
    return out;
  }

  private static Map<String, Object> groups(Map<String, List<Map<String, Object>>> served) {
    Map<String, List<String>> versions = new TreeMap<>();
    served.keySet().stream()
        .filter(gv -> gv.contains("/"))
        .forEach(
            gv ->
                versions
                    .computeIfAbsent(gv.substring(0, gv.indexOf('/')), k -> new ArrayList<>())
                    .add(gv.substring(gv.indexOf('/') + 1)));
    Function<String, Function<String, Map<String, Object>>> entry =
        group -> version -> Map.of("groupVersion", group + "/" + version, "version", version);
    List<Map<String, Object>> groups = new ArrayList<>();
    versions.forEach(
        (group, list) ->
            groups.add(
                Map.of(
                    "name",
                    group,
                    "versions",
                    list.stream().map(entry.apply(group)).toList(),
                    "preferredVersion",
                    entry.apply(group).apply(list.get(list.size() - 1)))));
    return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
