package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.KindScopes;
import io.helmsync.apply.PruneOptions;
import io.helmsync.apply.ScopePolicy;
import io.helmsync.cluster.ClusterDiscovery;
import io.helmsync.config.AgentSettings;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.inventory.ConfigMapInventoryStore;
import io.helmsync.model.Reason;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.DirectorySource;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ApplyPatchDispatcher;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit whose second release holds objects the API server would refuse or that leave the agent's
 * scope writes nothing at all, not even the first release, and says what to fix in one message; the
 * commit that fixes them converges.
 */
class CheckBeforeWriteStoryTest {
  private static final String ENV = "demo";

  @TempDir Path repo;
  private final AtomicReference<String> revision = new AtomicReference<>("r1");
  private final ApplyMockServer server = ApplyMockServer.start();

  /** The repository as it is, at the revision the test sets. */
  private final Source source =
      last ->
          new SourceSnapshot(
              "file://repo", "main", revision.get(), repo, revision.get().equals(last));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBadObjectInTheSecondReleaseWritesNothingAndTheFixedCommitConverges() throws Exception {
    KubernetesClient client = server.client();
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml",
            """
            environments: {demo: {}}
            ---
            releases:
            - {name: base, chart: ./base}
            - {name: extra, chart: ./extra, needs: [base]}
            """,
            "base/settings.yaml",
            configMap("settings", ""),
            "extra/bad.yaml",
            configMap("'Evil Name/x'", ""),
            "extra/moved.yaml",
            configMap("moved", "kube-system"),
            "extra/role.yaml",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                + "metadata: {name: reader}\nrules: []\n",
            "extra/token.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: token}\n"
                + "data: {token: not-base64!}\n"));
    Reconciler reconciler = reconciler(client);
    server.dispatcher().clearRequests();

    ReconcileResult refused = reconciler.reconcile(Trigger.of(Trigger.Cause.POLL), null);

    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.failureReason()).contains(Reason.STALLED);
    assertThat(refused.error().getMessage())
        .contains(
            "ConfigMap/demo/Evil Name/x (release extra, extra/bad.yaml",
            "ConfigMap/kube-system/moved (release extra, extra/moved.yaml",
            "ClusterRole/reader (release extra, extra/role.yaml",
            "Secret/demo/token (release extra, extra/token.yaml",
            "HELMSYNC_ALLOWED_NAMESPACES",
            "HELMSYNC_ALLOW_CLUSTER_SCOPED=true",
            "4 problems in the desired state; nothing was applied")
        .doesNotContain("not-base64!");
    System.out.println(
        "FIGURE: the refused commit cost "
            + server.dispatcher().requests().size()
            + " requests, all discovery reads (kept "
            + ClusterDiscovery.DEFAULT_MAX_AGE
            + " and shared with rendering), and no write");
    assertThat(server.dispatcher().writes()).as("writes, dry-runs included").isEmpty();
    assertThat(server.dispatcher().requests())
        .as("only discovery, for the scope of kinds")
        .allMatch(ApplyPatchDispatcher.Request::isDiscovery);
    assertThat(client.configMaps().inNamespace(ENV).withName("settings").get())
        .as("the first release's object")
        .isNull();
    assertThat(
            client.configMaps().inNamespace(ENV).withName(ConfigMapInventoryStore.name(ENV)).get())
        .as("the inventory")
        .isNull();

    Files.delete(repo.resolve("extra/moved.yaml"));
    Files.delete(repo.resolve("extra/role.yaml"));
    RepoFiles.write(
        repo,
        Map.of(
            "extra/bad.yaml",
            configMap("fixed", ""),
            "extra/token.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: token}\n"
                + "data: {token: aGVsbG8=}\n"));
    revision.set("r2");
    ReconcileResult fixed = reconciler.reconcile(Trigger.of(Trigger.Cause.POLL), refused);

    assertThat(fixed.outcome()).as(String.valueOf(fixed.error())).isEqualTo(Outcome.SYNCED);
    assertThat(fixed.objectsPerRelease())
        .containsExactly(Map.entry("base", 1), Map.entry("extra", 2));
    assertThat(client.configMaps().inNamespace(ENV).withName("settings").get()).isNotNull();
    assertThat(client.configMaps().inNamespace(ENV).withName("fixed").get()).isNotNull();
    assertThat(client.secrets().inNamespace(ENV).withName("token").get().getData())
        .containsEntry("token", "aGVsbG8=");
  }

  /** The example's every object is in its environment's namespace and follows the rules. */
  @Test
  void theExampleRendersWithinTheDefaultScope() {
    Path example = Path.of("config-repo-example").toAbsolutePath();
    String namespace = "orchestrate-demo";
    Reconciler renderOnly =
        new Reconciler(
            new DirectorySource(example),
            new HelmfileLoader(
                StateOptions.of("helmfile.yaml", namespace, Map.of())
                    .withSecrets(SecretResolver.placeholders())),
            new ReleasePlanner(namespace),
            new HelmChartRenderer(ChartContext.offline()),
            Optional.empty(),
            namespace,
            ScopePolicy.of(Optional.empty(), false).check(namespace, KindScopes.OFFLINE));

    assertThatCode(renderOnly::render).doesNotThrowAnyException();
    assertThat(renderOnly.render().objects()).hasSizeGreaterThan(30);
  }

  /** As {@code sync --once} builds it: discovery says which kinds are cluster-scoped. */
  private Reconciler reconciler(KubernetesClient client) {
    AgentSettings settings =
        new AgentSettings(
            ENV,
            ENV,
            Optional.of(repo),
            Optional.empty(),
            "main",
            ".",
            "helmfile.yaml",
            Duration.ofSeconds(15),
            true,
            false,
            repo.resolve("work"));
    ClusterSide cluster = new ClusterSide(client, PruneOptions.defaults());
    return new Reconciler(
        source,
        new HelmfileLoader(StateOptions.of("helmfile.yaml", ENV, Map.of())),
        new ReleasePlanner(ENV),
        new ManifestDirectoryRenderer(),
        Optional.of(cluster.once(settings, DriftPolicy.none())),
        ENV,
        ScopePolicy.of(Optional.empty(), false).check(ENV, cluster.kindScopes()));
  }

  private static String configMap(String name, String namespace) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + name
        + (namespace.isEmpty() ? "" : ", namespace: " + namespace)
        + "}\ndata: {level: info}\n";
  }
}
