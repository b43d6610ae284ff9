package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.Differ;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.PruneRefusedException;
import io.helmsync.config.AgentSettings;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import io.helmsync.model.YamlDocuments;
import io.helmsync.reconcile.ClusterSide;
import io.helmsync.reconcile.ServerSideSync;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ApplyPatchDispatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code diff} against the {@code sync --once} that follows it, case by case on the mock API
 * server, both built as {@link Pipelines} builds them: the diff exits 0 exactly when the sync
 * writes no managed object, and 2 exactly when it writes one, listing the objects it writes.
 */
class DiffMatchesSyncTest {
  private static final String ENV = "demo";
  private static final String HPA_IGNORED = "apps/v1/Deployment:spec.replicas";
  private static final Consumer<KubernetesClient> NO_EDIT = client -> {};

  /**
   * @param driftIgnore {@code HELMSYNC_DRIFT_IGNORE}
   * @param prune {@code HELMSYNC_PRUNE}
   * @param level the value Git's second revision gives {@code ConfigMap/demo/settings}
   * @param dropped the objects Git's second revision no longer declares
   * @param edit what happens in the cluster between the first sync and the diff
   * @param listed what the diff lists, and the sync writes
   */
  record Case(
      String name,
      List<String> driftIgnore,
      boolean prune,
      String level,
      List<String> dropped,
      Consumer<KubernetesClient> edit,
      int exit,
      List<String> listed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "no change, only a new revision",
            List.of(),
            true,
            "info",
            List.of(),
            NO_EDIT,
            0,
            List.of()),
        new Case(
            "one value changed in Git",
            List.of(),
            true,
            "debug",
            List.of(),
            NO_EDIT,
            2,
            List.of("ConfigMap/demo/settings")),
        new Case(
            "an HPA scaled spec.replicas, ignored by HELMSYNC_DRIFT_IGNORE",
            List.of(HPA_IGNORED),
            true,
            "info",
            List.of(),
            DiffMatchesSyncTest::scaleByHpa,
            0,
            List.of()),
        new Case(
            "an HPA scaled spec.replicas, not ignored",
            List.of(),
            true,
            "info",
            List.of(),
            DiffMatchesSyncTest::scaleByHpa,
            2,
            List.of("Deployment/demo/api")),
        new Case(
            "an object annotated drift: ignore changed by hand",
            List.of(),
            true,
            "info",
            List.of(),
            DiffMatchesSyncTest::editIgnoredByHand,
            0,
            List.of()),
        new Case(
            "a server-defaulted field absent from Git",
            List.of(),
            true,
            "info",
            List.of(),
            DiffMatchesSyncTest::defaultRevisionHistoryLimit,
            0,
            List.of()),
        new Case(
            "an object deleted by hand",
            List.of(),
            true,
            "info",
            List.of(),
            client -> client.configMaps().inNamespace(ENV).withName("settings").delete(),
            2,
            List.of("ConfigMap/demo/settings")),
        new Case(
            "a stale object",
            List.of(),
            true,
            "info",
            List.of("old"),
            NO_EDIT,
            2,
            List.of("ConfigMap/demo/old")),
        new Case(
            "a stale object while HELMSYNC_PRUNE=false",
            List.of(),
            false,
            "info",
            List.of("old"),
            NO_EDIT,
            0,
            List.of()),
        new Case(
            "a stale Namespace", List.of(), true, "info", List.of("extra"), NO_EDIT, 0, List.of()),
        new Case(
            "a stale object annotated prune: disabled",
            List.of(),
            true,
            "info",
            List.of("kept"),
            NO_EDIT,
            0,
            List.of()),
        new Case(
            "a stale prune-disabled object and a changed value",
            List.of(),
            true,
            "debug",
            List.of("kept"),
            NO_EDIT,
            2,
            List.of("ConfigMap/demo/settings")),
        new Case(
            "most objects stale: the mass-prune guard refuses",
            List.of(),
            true,
            "info",
            List.of("old", "settings", "api"),
            NO_EDIT,
            0,
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diffExitsTwoExactlyWhenTheSyncWrites(Case c) {
    try (ApplyMockServer server = ApplyMockServer.start()) {
      KubernetesClient client = server.client();
      AgentSettings settings =
          new AgentSettings(
              ENV,
              ENV,
              Optional.empty(),
              Optional.empty(),
              "main",
              ".",
              "helmfile.yaml",
              Duration.ofSeconds(15),
              c.prune(),
              false,
              Path.of("work"));
      DriftPolicy driftPolicy = DriftPolicy.parse(c.driftIgnore());
      PruneOptions pruneOptions = PruneOptions.defaults();
      ServerSideSync sync = new ClusterSide(client, pruneOptions).once(settings, driftPolicy);
      sync.sync(git("r1", "info", List.of()));
      c.edit().accept(client);
      DesiredState second = git("r2", c.level(), c.dropped());

      Differ.Result diff =
          DiffCommand.diff(
              client, settings, new Differ(client, ENV, driftPolicy, pruneOptions), second);
      server.dispatcher().clearRequests();
      ChangeSet synced = ChangeSet.empty();
      boolean pruneRefused = false;
      try {
        synced = sync.sync(second);
      } catch (PruneRefusedException e) {
        pruneRefused = true;
      }

      assertThat(DiffCommand.exitCode(diff)).isEqualTo(c.exit());
      assertThat(diff.changes())
          .extracting(d -> d.ref().toString())
          .containsExactlyInAnyOrderElementsOf(c.listed());
      assertThat(objectWrites(server).isEmpty())
          .as("the sync wrote no object")
          .isEqualTo(c.exit() == 0);
      assertThat(synced.writes())
          .extracting(e -> e.ref().toString())
          .containsExactlyInAnyOrderElementsOf(c.listed());
      assertThat(diff.refusedPrune().isPresent()).isEqualTo(pruneRefused);
    }
  }

  /** Writes to managed objects: not dry-runs, not the inventory (helmsync's own record). */
  private static List<ApplyPatchDispatcher.Request> objectWrites(ApplyMockServer server) {
    return server.dispatcher().writes().stream()
        .filter(write -> !write.path().contains("dryRun=All"))
        .filter(write -> !write.path().contains("/configmaps/helmsync-inventory-"))
        .toList();
  }

  /** Git's state: a Deployment, three ConfigMaps (one never pruned) and a Namespace. */
  private static DesiredState git(String revision, String level, List<String> dropped) {
    Map<String, String> objects = new LinkedHashMap<>();
    objects.put("extra", "apiVersion: v1\nkind: Namespace\nmetadata: {name: extra}\n");
    objects.put(
        "api",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              containers: [{name: api, image: "nginx:1.27"}]
        """);
    objects.put(
        "settings",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"
            + "data: {level: "
            + level
            + "}\n");
    objects.put(
        "kept",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept, annotations: {"
            + Ownership.PRUNE
            + ": "
            + Ownership.DISABLED
            + "}}\ndata: {a: b}\n");
    objects.put("old", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old}\ndata: {a: b}\n");
    dropped.forEach(objects::remove);
    List<Manifest> manifests =
        objects.values().stream()
            .map(
                yaml -> {
                  Map<String, Object> body = YamlDocuments.parse(yaml, "git.yaml").get(0).content();
                  Manifest manifest =
                      new Manifest(
                          ManifestDirectoryRenderer.refOf(body, "git.yaml"), body, "git.yaml");
                  return Ownership.label(manifest, ENV, "app", ENV, revision);
                })
            .toList();
    return new DesiredState(ENV, revision, List.of(new DesiredRelease("app", ENV, manifests)));
  }

  /** The HorizontalPodAutoscaler takes {@code spec.replicas} over, as it does through scale. */
  private static void scaleByHpa(KubernetesClient client) {
    client
        .apps()
        .deployments()
        .inNamespace(ENV)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("api")
                .withNamespace(ENV)
                .endMetadata()
                .withNewSpec()
                .withReplicas(7)
                .endSpec()
                .build())
        .fieldManager("horizontal-pod-autoscaler")
        .forceConflicts()
        .serverSideApply();
  }

  private static void editIgnoredByHand(KubernetesClient client) {
    client
        .configMaps()
        .inNamespace(ENV)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace(ENV)
                .addToAnnotations(Ownership.DRIFT, Ownership.IGNORE)
                .endMetadata()
                .addToData("level", "kept-by-hand")
                .build())
        .fieldManager("kubectl")
        .forceConflicts()
        .serverSideApply();
  }

  /** A field the API server fills in when Git leaves it out, owned by no manager. */
  private static void defaultRevisionHistoryLimit(KubernetesClient client) {
    client
        .apps()
        .deployments()
        .inNamespace(ENV)
        .withName("api")
        .edit(
            deployment -> {
              deployment.getSpec().setRevisionHistoryLimit(10);
              return deployment;
            });
  }
}
