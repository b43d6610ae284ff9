package io.helmsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What deploy/ gives the agent: nothing beyond its namespace, nothing it does not use. */
class DeployManifestsTest {
  private static final Path DEPLOY = Path.of("deploy");

  private static List<Map<String, Object>> objects() throws IOException {
    try (Stream<Path> files = Files.list(DEPLOY)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
          .flatMap(f -> YamlDocuments.read(f, f.toString()).stream())
          .map(YamlDocuments.Document::content)
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object tree, String... path) {
    Object node = tree;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return (T) node;
  }

  @Test
  void everythingIsNamespaced() throws IOException {
    assertThat(objects()).extracting(o -> (String) o.get("kind"))
        .containsExactlyInAnyOrder("Deployment", "ServiceAccount", "Role", "RoleBinding", "Service");
  }

  @Test
  void theRoleGrantsOnlyWhatApplyAndPruneUse() throws IOException {
    Map<String, Object> role = objects().stream().filter(o -> "Role".equals(o.get("kind"))).findFirst().orElseThrow();
    List<Map<String, Object>> rules = at(role, "rules");
    assertThat(rules).allSatisfy(rule -> {
      boolean leases = ((List<String>) at(rule, "resources")).equals(List.of("leases"));
      // Leader election renews its Lease with update; everything else is the informers (list,
      // watch), apply and prune.
      assertThat((List<String>) at(rule, "verbs")).isSubsetOf(leases ? List.of("get", "create", "update")
          : List.of("get", "list", "watch", "create", "patch", "delete"));
      assertThat((List<String>) at(rule, "resources")).doesNotContain("*");
      assertThat((List<String>) at(rule, "apiGroups")).doesNotContain("*");
    });
    assertThat(rules).anySatisfy(rule -> {
      assertThat((List<String>) at(rule, "resources")).contains("configmaps");
      assertThat((List<String>) at(rule, "verbs")).contains("get", "create", "patch");
    });
    Map<String, Object> binding = objects().stream().filter(o -> "RoleBinding".equals(o.get("kind"))).findFirst().orElseThrow();
    assertThat((String) at(binding, "roleRef", "kind")).isEqualTo("Role");
  }

  @Test
  void theAgentRunsAsNonRootAndEveryVariableItSetsIsDocumented() throws IOException {
    Map<String, Object> deployment = objects().stream().filter(o -> "Deployment".equals(o.get("kind"))).findFirst().orElseThrow();
    List<Map<String, Object>> containers = at(deployment, "spec", "template", "spec", "containers");
    Map<String, Object> agent = containers.get(0);
    assertThat((Boolean) at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isTrue();
    assertThat((Boolean) at(agent, "securityContext", "readOnlyRootFilesystem")).isTrue();
    String readme = Files.readString(Path.of("README.md"));
    List<Map<String, Object>> env = at(agent, "env");
    assertThat(env).extracting(e -> (String) e.get("name"))
        .filteredOn(name -> name.startsWith("HELMSYNC_"))
        .isNotEmpty()
        .allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
  }
}
