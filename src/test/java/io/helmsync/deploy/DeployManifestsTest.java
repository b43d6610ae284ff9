package io.helmsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.YamlDocuments;
import io.helmsync.reconcile.Reconciler;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.DirectorySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What deploy/ gives the agent: a kustomize base whose files all parse and are all used, nothing
 * beyond its namespace, nothing it does not use, a hardened pod, and alerts and a dashboard that
 * only query metrics the code exposes.
 */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("deploy");
  private static final Path BASE = DEPLOY.resolve("base");

  /**
   * Where meters are declared: {@code Counter.builder("helmsync.reconcile")}, {@code
   * registry.gauge("...")}.
   */
  private static final Pattern METER =
      Pattern.compile("(?:builder|gauge)\\(\\s*\"(helmsync\\.[a-z.]+)\"");

  private static final Pattern QUERIED = Pattern.compile("helmsync_[a-z_]+");
  private static final List<String> SUFFIXES =
      List.of(
          "",
          "_total",
          "_seconds",
          "_seconds_bucket",
          "_seconds_count",
          "_seconds_sum",
          "_seconds_max");

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static List<Map<String, Object>> objects() throws IOException {
    return files(".yaml").stream()
        .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
        .flatMap(f -> YamlDocuments.read(f, f.toString()).stream())
        .map(YamlDocuments.Document::content)
        .toList();
  }

  private static Map<String, Object> base(String kind) throws IOException {
    return objects(BASE).stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow();
  }

  private static List<Map<String, Object>> objects(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
          .sorted()
          .flatMap(f -> YamlDocuments.read(f, f.toString()).stream())
          .map(YamlDocuments.Document::content)
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = node == null ? null : ((Map<String, Object>) node).get(key);
    }
    return (T) node;
  }

  @Test
  void everyFileParsesAndEveryObjectHasWhatTheApiServerRequires() throws IOException {
    assertThat(files(".yaml")).hasSizeGreaterThan(10);
    assertThat(objects())
        .allSatisfy(
            object -> {
              assertThat((String) object.get("apiVersion"))
                  .as("apiVersion of %s", object)
                  .isNotBlank();
              assertThat((String) object.get("kind")).as("kind of %s", object).isNotBlank();
              assertThat((String) at(object, "metadata", "name"))
                  .as("name of %s", object.get("kind"))
                  .isNotBlank();
            });
    for (Path json : files(".json")) {
      assertThat(new ObjectMapper().readTree(json.toFile()).isObject())
          .as(json.toString())
          .isTrue();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void kustomizationsListOnlyFilesThatExistAndTheBaseUsesAllItsFiles() throws IOException {
    Set<Path> used = new TreeSet<>();
    for (Path kustomization : files("kustomization.yaml")) {
      Path dir = kustomization.getParent();
      Map<String, Object> content =
          YamlDocuments.read(kustomization, kustomization.toString()).get(0).content();
      List<String> listed =
          new ArrayList<>((List<String>) content.getOrDefault("resources", List.of()));
      ((List<Map<String, Object>>) content.getOrDefault("patches", List.of()))
          .forEach(p -> listed.add((String) p.get("path")));
      ((List<Map<String, Object>>) content.getOrDefault("configMapGenerator", List.of()))
          .forEach(g -> listed.addAll((List<String>) g.get("files")));
      assertThat(listed)
          .as(kustomization.toString())
          .isNotEmpty()
          .allSatisfy(
              entry -> {
                Path file = dir.resolve(entry).normalize();
                assertThat(
                        Files.isRegularFile(file)
                            || Files.isRegularFile(file.resolve("kustomization.yaml")))
                    .as("%s lists %s", kustomization, entry)
                    .isTrue();
                used.add(file);
              });
    }
    try (Stream<Path> base = Files.list(BASE)) {
      assertThat(base.filter(f -> !f.endsWith("kustomization.yaml")).map(Path::normalize))
          .as("files in deploy/base that no kustomization uses")
          .allSatisfy(f -> assertThat(used).contains(f));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRoleIsNamespacedAndGrantsOnlyWhatTheCodeCalls() throws IOException {
    assertThat(objects())
        .extracting(o -> (String) o.get("kind"))
        .doesNotContain("ClusterRole", "ClusterRoleBinding", "Namespace")
        .contains(
            "Role",
            "RoleBinding",
            "ServiceAccount",
            "Deployment",
            "Service",
            "ServiceMonitor",
            "PrometheusRule",
            "NetworkPolicy",
            "PodDisruptionBudget");
    List<Map<String, Object>> rules = at(base("Role"), "rules");
    assertThat(rules)
        .allSatisfy(
            rule -> {
              List<String> resources = at(rule, "resources");
              List<String> allowed =
                  resources.equals(List.of("leases")) || resources.equals(List.of("events"))
                      // Leases: fabric8's LeaseLock gets, creates and PATCHes; Events: created,
                      // then get + patch.
                      ? List.of("get", "create", "patch")
                      // Informers: list + watch; apply: get, create + patch; prune: delete.
                      : List.of("get", "list", "watch", "create", "patch", "delete");
              assertThat((List<String>) at(rule, "verbs"))
                  .as("verbs on %s", resources)
                  .isSubsetOf(allowed);
              assertThat(resources).doesNotContain("*");
              assertThat((List<String>) at(rule, "apiGroups")).doesNotContain("*");
            });
    assertThat(rules)
        .anySatisfy(
            rule -> assertThat((List<String>) at(rule, "resources")).containsExactly("leases"));
    assertThat(rules)
        .anySatisfy(
            rule -> assertThat((List<String>) at(rule, "resources")).containsExactly("events"));
    assertThat((String) at(base("RoleBinding"), "roleRef", "kind")).isEqualTo("Role");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRoleCoversApplyAndPruneOfEveryKindTheExampleRenders() throws IOException {
    Path example = Path.of("config-repo-example").toAbsolutePath();
    Reconciler renderOnly =
        new Reconciler(
            new DirectorySource(example),
            new HelmfileLoader(
                StateOptions.of("helmfile.yaml", "orchestrate-demo", Map.of())
                    .withSecrets(SecretResolver.placeholders())),
            new ReleasePlanner("orchestrate-demo"),
            new HelmChartRenderer(ChartContext.offline()),
            Optional.empty(),
            "orchestrate-demo");
    Set<ObjectRef> rendered =
        renderOnly.render().objects().stream().map(o -> o.ref()).collect(Collectors.toSet());
    List<Map<String, Object>> rules = at(base("Role"), "rules");

    assertThat(rendered)
        .isNotEmpty()
        .allSatisfy(
            ref ->
                assertThat(rules)
                    .as("a rule for %s", ref.kind())
                    .anySatisfy(
                        rule -> {
                          assertThat((List<String>) at(rule, "apiGroups")).contains(ref.group());
                          assertThat((List<String>) at(rule, "resources"))
                              .contains(plural(ref.kind()));
                          assertThat((List<String>) at(rule, "verbs"))
                              .contains("get", "create", "patch", "delete");
                        }));
  }

  private static String plural(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    return lower.endsWith("s")
        ? lower + "es"
        : lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAgentRunsTwoHardenedReplicasWithProbesLimitsAndWritableDirsOnlyWhereNeeded()
      throws IOException {
    Map<String, Object> deployment = base("Deployment");
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    Map<String, Object> agent = ((List<Map<String, Object>>) pod.get("containers")).get(0);
    assertThat((Integer) at(deployment, "spec", "replicas")).isEqualTo(2);
    assertThat((Boolean) at(pod, "securityContext", "runAsNonRoot")).isTrue();
    assertThat((String) at(pod, "securityContext", "seccompProfile", "type"))
        .isEqualTo("RuntimeDefault");
    assertThat((Boolean) at(agent, "securityContext", "readOnlyRootFilesystem")).isTrue();
    assertThat((Boolean) at(agent, "securityContext", "allowPrivilegeEscalation")).isFalse();
    assertThat((List<String>) at(agent, "securityContext", "capabilities", "drop"))
        .containsExactly("ALL");
    assertThat((String) at(agent, "startupProbe", "httpGet", "path"))
        .isEqualTo("/q/health/started");
    assertThat((String) at(agent, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
    assertThat((String) at(agent, "readinessProbe", "httpGet", "path"))
        .isEqualTo("/q/health/ready");
    assertThat((String) at(agent, "resources", "requests", "memory")).isNotBlank();
    assertThat((String) at(agent, "resources", "requests", "cpu")).isNotBlank();
    assertThat((String) at(agent, "resources", "limits", "memory")).isNotBlank();

    List<Map<String, Object>> env = at(agent, "env");
    String workDir =
        env.stream()
            .filter(e -> e.get("name").equals("HELMSYNC_WORK_DIR"))
            .findFirst()
            .map(e -> (String) e.get("value"))
            .orElseThrow();
    Set<String> emptyDirs =
        ((List<Map<String, Object>>) pod.get("volumes"))
            .stream()
                .filter(v -> v.containsKey("emptyDir"))
                .map(v -> (String) v.get("name"))
                .collect(Collectors.toSet());
    assertThat(
            ((List<Map<String, Object>>) agent.get("volumeMounts"))
                .stream()
                    .filter(m -> emptyDirs.contains(m.get("name")))
                    .map(m -> (String) m.get("mountPath")))
        .containsExactlyInAnyOrder(workDir, "/tmp");
    // In the cluster, logs are JSON lines with the MDC fields (environment, revision, stage...);
    // elsewhere (the README command, the CLI) they stay readable text.
    assertThat(env)
        .anySatisfy(
            e ->
                assertThat(e)
                    .containsEntry("name", "QUARKUS_LOG_CONSOLE_JSON_ENABLED")
                    .containsEntry("value", "true"));
    String readme = Files.readString(Path.of("README.md"));
    List<Map<String, Object>> allEnv =
        objects().stream()
            .filter(o -> "Deployment".equals(o.get("kind")))
            .flatMap(
                d ->
                    ((List<Map<String, Object>>)
                            at(
                                ((List<Map<String, Object>>)
                                        at(d, "spec", "template", "spec", "containers"))
                                    .get(0),
                                "env"))
                        .stream())
            .toList();
    assertThat(allEnv)
        .extracting(e -> (String) e.get("name"))
        .filteredOn(name -> name.startsWith("HELMSYNC_"))
        .isNotEmpty()
        .allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    assertThat(
            (String)
                at(base("ServiceAccount"), "metadata", "annotations", "eks.amazonaws.com/role-arn"))
        .startsWith("arn:aws:iam::");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAlertsCoverTheFourFailuresOperatorsAskedFor() throws IOException {
    List<Map<String, Object>> groups = at(base("PrometheusRule"), "spec", "groups");
    List<Map<String, Object>> rules = (List<Map<String, Object>>) groups.get(0).get("rules");
    assertThat(rules)
        .extracting(r -> (String) r.get("alert"))
        .containsExactlyInAnyOrder(
            "HelmsyncSyncFailing",
            "HelmsyncReconcileOverdue",
            "HelmsyncDriftPersisting",
            "HelmsyncSecretResolutionFailing");
    assertThat(rules)
        .allSatisfy(
            rule -> {
              assertThat((String) at(rule, "labels", "severity")).isIn("warning", "critical");
              assertThat((String) at(rule, "annotations", "summary")).isNotBlank();
            });
  }

  @Test
  void alertsAndTheDashboardQueryOnlyMetricsTheCodeExposes() throws IOException {
    Set<String> exposed = exposedMeterNames();
    Set<String> queried = new TreeSet<>();
    for (Path file :
        List.of(BASE.resolve("prometheusrule.yaml"), BASE.resolve("helmsync-dashboard.json"))) {
      Matcher matcher = QUERIED.matcher(Files.readString(file));
      while (matcher.find()) {
        queried.add(matcher.group());
      }
    }
    assertThat(exposed)
        .as("metrics exposed by src/main/java")
        .contains("helmsync_reconcile", "helmsync_release_status");
    assertThat(queried)
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(isExposed(name, exposed))
                    .as("%s is exposed by the agent", name)
                    .isTrue());
  }

  /**
   * Prometheus names of the meters declared in the code: dots become underscores, suffixes come
   * later.
   */
  private static Set<String> exposedMeterNames() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher matcher = METER.matcher(Files.readString(source));
        while (matcher.find()) {
          names.add(matcher.group(1).replace('.', '_'));
        }
      }
    }
    return names;
  }

  private static boolean isExposed(String queried, Set<String> exposed) {
    return SUFFIXES.stream()
        .anyMatch(
            suffix ->
                queried.endsWith(suffix)
                    && exposed.contains(queried.substring(0, queried.length() - suffix.length())));
  }
}
