package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.testing.RepoFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render} checks the agent's scope as a sync does, from the settings: a namespace that
 * {@code HELMSYNC_ALLOWED_NAMESPACES} lists renders, a cluster-scoped object is refused as stalled
 * input (exit 1, one message naming the object and the setting, no stack trace, nothing printed).
 */
@QuarkusMainTest
@TestProfile(ScopeCommandTest.AnotherNamespaceAllowed.class)
class ScopeCommandTest {
  private static final String HELMFILE =
      "environments: {demo: {}}\n---\n" + "releases:\n- {name: app, chart: ./m}\n";
  private static final String SHARED =
      "apiVersion: v1\nkind: ConfigMap\n" + "metadata: {name: shared, namespace: shared}\n";

  public static class AnotherNamespaceAllowed implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("helmsync.allowed-namespaces", "monitoring,shared");
    }
  }

  @Test
  void anAllowedNamespaceRenders(QuarkusMainLauncher launcher, @TempDir Path repo) {
    RepoFiles.write(repo, Map.of("helmfile.yaml", HELMFILE, "m/shared.yaml", SHARED));

    LaunchResult result = launcher.launch("render", "--repo", repo.toString(), "-e", "demo");

    assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
    assertThat(result.getOutput()).contains("name: shared", "namespace: shared");
  }

  @Test
  void aClusterScopedObjectIsRefusedBeforeAnythingIsPrinted(
      QuarkusMainLauncher launcher, @TempDir Path repo) {
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml",
            HELMFILE,
            "m/shared.yaml",
            SHARED,
            "m/role.yaml",
            "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                + "metadata: {name: reader}\nrules: []\n"));

    LaunchResult result = launcher.launch("render", "--repo", repo.toString(), "-e", "demo");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.getOutput()).doesNotContain("kind:");
    assertThat(result.getErrorOutput())
        .startsWith("helmsync render: ClusterRole/reader (release app, m/role.yaml")
        .contains("HELMSYNC_ALLOW_CLUSTER_SCOPED=true")
        .doesNotContain("shared")
        .doesNotContain("\tat io.helmsync");
  }
}
