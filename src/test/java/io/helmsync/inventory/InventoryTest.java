package io.helmsync.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.inventory.Inventory.ReleaseEntry;
import io.helmsync.model.ObjectRef;
import io.helmsync.testing.ApplyMockServer;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class InventoryTest {
  private static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "demo", "api");
  private static final ObjectRef SVC = new ObjectRef("v1", "Service", "demo", "api");
  private static final ObjectRef OLD = new ObjectRef("v1", "ConfigMap", "demo", "old");
  private static final ObjectRef ROLE =
      new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", "", "reader");

  private static Inventory inventory(Map<String, List<ObjectRef>> releases) {
    var entries = new java.util.LinkedHashMap<String, ReleaseEntry>();
    releases.forEach(
        (name, refs) -> entries.put(name, new ReleaseEntry("r1", new TreeSet<>(refs))));
    return new Inventory(entries);
  }

  @Test
  void staleObjectsAreThoseNoLongerListedInAnyRelease() {
    Inventory previous = inventory(Map.of("api", List.of(API, SVC, OLD)));
    Inventory current = inventory(Map.of("api", List.of(API), "svc", List.of(SVC)));
    assertThat(previous.staleAgainst(current)).containsExactly(OLD);
  }

  @Test
  void objectsThatFailedToPruneAreCarriedOver() {
    Inventory previous = inventory(Map.of("api", List.of(API, OLD)));
    Inventory current = inventory(Map.of("api", List.of(API)));
    Inventory saved = current.plus(previous, List.of(OLD));
    assertThat(saved.releases().get("api").objects()).containsExactly(API, OLD);
    assertThat(saved.staleAgainst(current)).containsExactly(OLD);
  }

  @Test
  void aReleaseWhoseObjectsDidNotChangeKeepsItsRevision() {
    Inventory previous = inventory(Map.of("api", List.of(API), "svc", List.of(SVC)));
    var next = new java.util.LinkedHashMap<String, ReleaseEntry>();
    next.put("api", new ReleaseEntry("r2", new TreeSet<>(List.of(API))));
    next.put("svc", new ReleaseEntry("r2", new TreeSet<>(List.of(SVC, OLD))));

    Inventory kept = new Inventory(next).keepingRevisionsOf(previous);

    assertThat(kept.releases().get("api").revision()).isEqualTo("r1");
    assertThat(kept.releases().get("svc").revision()).isEqualTo("r2");
  }

  @Test
  void roundTripsThroughTheConfigMap() {
    try (ApplyMockServer server = ApplyMockServer.start()) {
      var store = new ConfigMapInventoryStore(server.client(), "demo", "orchestrate-demo");
      assertThat(store.load()).isEqualTo(Inventory.empty());
      Inventory inventory = inventory(Map.of("api", List.of(API, SVC), "rbac", List.of(ROLE)));

      store.save(inventory);

      assertThat(store.load()).isEqualTo(inventory);
      var configMap =
          server
              .client()
              .configMaps()
              .inNamespace("demo")
              .withName("helmsync-inventory-orchestrate-demo")
              .get();
      assertThat(configMap.getMetadata().getLabels())
          .containsEntry("app.kubernetes.io/managed-by", "helmsync");
      assertThat(configMap.getData().get("api"))
          .isEqualTo(
              "revision: r1\nobjects:\n- demo_api__Service v1\n- demo_api_apps_Deployment v1\n");
    }
  }

  @Test
  void keepsTheReleaseHistoryInTheConfigMapAndReadsEntriesWithoutOne() {
    try (ApplyMockServer server = ApplyMockServer.start()) {
      var store = new ConfigMapInventoryStore(server.client(), "demo", "orchestrate-demo");
      ReleaseHistory history = new ReleaseHistory(3, "deployed", "sha256:ab", "r7");
      var releases = new java.util.LinkedHashMap<String, ReleaseEntry>();
      releases.put("api", new ReleaseEntry("r1", new TreeSet<>(List.of(API)), history));
      store.save(new Inventory(releases));
      String written =
          server
              .client()
              .configMaps()
              .inNamespace("demo")
              .withName("helmsync-inventory-orchestrate-demo")
              .get()
              .getData()
              .get("api");
      assertThat(written)
          .endsWith(
              "release:\n  number: 3\n  status: deployed\n"
                  + "  checksum: sha256:ab\n  revision: r7\n");
      assertThat(store.load().history("api")).isEqualTo(history);

      // As an earlier helmsync wrote it: no release block.
      server
          .client()
          .configMaps()
          .inNamespace("demo")
          .withName("helmsync-inventory-orchestrate-demo")
          .edit(
              cm -> {
                cm.getData().put("api", "revision: r1\nobjects:\n- demo_api__Service v1\n");
                return cm;
              });
      Inventory old = store.load();
      assertThat(old.objects()).containsExactly(SVC);
      assertThat(old.history("api")).isEqualTo(ReleaseHistory.NONE);
      assertThat(old.history("api").isTracked()).isFalse();
    }
  }

  @Test
  void releasesNewToTheInventoryAreFirstInstallsAndGrowingItKeepsEverything() {
    Inventory previous = inventory(Map.of("api", List.of(API)));
    var next = new java.util.LinkedHashMap<String, ReleaseEntry>();
    next.put("api", new ReleaseEntry("r2", new TreeSet<>(List.of(SVC))));
    next.put("rbac", new ReleaseEntry("r2", new TreeSet<>(List.of(ROLE))));

    Inventory current = new Inventory(next).keepingRevisionsOf(previous);
    assertThat(current.history("rbac")).isEqualTo(ReleaseHistory.FIRST_INSTALL);

    Inventory grown = previous.growingBy(current);
    assertThat(grown.releases().get("api").objects()).containsExactly(SVC, API);
    assertThat(grown.releases().get("rbac").objects()).containsExactly(ROLE);
    assertThat(previous.growingBy(inventory(Map.of("api", List.of(API))))).isEqualTo(previous);
  }
}
