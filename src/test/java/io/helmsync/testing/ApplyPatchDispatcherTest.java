package io.helmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplyPatchDispatcherTest {
  private ApplyMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    client = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("cfg")
        .withNamespace("demo")
        .endMetadata()
        .withData(data)
        .build();
  }

  private ConfigMap apply(String manager, ConfigMap object, boolean force) {
    var resource = client.configMaps().inNamespace("demo").resource(object).fieldManager(manager);
    return force ? resource.forceConflicts().serverSideApply() : resource.serverSideApply();
  }

  private ConfigMap live() {
    return client.configMaps().inNamespace("demo").withName("cfg").get();
  }

  @Test
  void createsAndRecordsTheManager() {
    apply("helmsync", configMap(Map.of("a", "1")), false);
    ConfigMap live = live();
    assertThat(live.getData()).containsExactly(Map.entry("a", "1"));
    assertThat(live.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("helmsync", "Apply"));
    assertThat(live.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
        .isEqualTo(Map.of("f:data", Map.of("f:a", Map.of())));
  }

  @Test
  void reapplyingTheSameFieldsChangesNothing() {
    apply("helmsync", configMap(Map.of("a", "1")), false);
    String version = live().getMetadata().getResourceVersion();
    apply("helmsync", configMap(Map.of("a", "1")), false);
    assertThat(live().getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void changesAValueAndBumpsTheResourceVersion() {
    apply("helmsync", configMap(Map.of("a", "1")), false);
    String version = live().getMetadata().getResourceVersion();
    apply("helmsync", configMap(Map.of("a", "2")), false);
    assertThat(live().getData()).containsExactly(Map.entry("a", "2"));
    assertThat(live().getMetadata().getResourceVersion()).isNotEqualTo(version);
  }

  @Test
  void dropsFieldsTheManagerNoLongerApplies() {
    apply("helmsync", configMap(Map.of("a", "1", "b", "2")), false);
    apply("helmsync", configMap(Map.of("a", "1")), false);
    assertThat(live().getData()).containsExactly(Map.entry("a", "1"));
  }

  @Test
  void keepsFieldsOfOtherManagers() {
    apply("helmsync", configMap(Map.of("a", "1")), false);
    apply("kubectl", configMap(Map.of("b", "2")), false);
    apply("helmsync", configMap(Map.of("a", "1")), false);
    assertThat(live().getData()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void aConflictingValueIs409UnlessForced() {
    apply("kubectl", configMap(Map.of("a", "mine")), false);
    assertThatThrownBy(() -> apply("helmsync", configMap(Map.of("a", "ours")), false))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("conflict with \"kubectl\": /data/a");
            });
    assertThat(live().getData()).containsEntry("a", "mine");

    apply("helmsync", configMap(Map.of("a", "ours")), true);
    assertThat(live().getData()).containsEntry("a", "ours");
    assertThat(live().getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .containsExactly("helmsync");
  }

  @Test
  void recordsEveryRequest() {
    apply("helmsync", configMap(Map.of("a", "1")), false);
    live();
    assertThat(server.dispatcher().requests())
        .extracting(r -> r.method())
        .containsExactly("PATCH", "GET");
    assertThat(server.dispatcher().writes()).hasSize(1);
    assertThat(server.dispatcher().writes().get(0).contentType())
        .startsWith("application/apply-patch+yaml");
  }
}
