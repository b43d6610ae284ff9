package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.YamlDocuments;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.testing.ApplyMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerSideApplierTest {
  private ApplyMockServer server;
  private ServerSideApplier applier;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    applier = new ServerSideApplier(server.client());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Manifest manifest(String yaml, String revision) {
    var body = YamlDocuments.parse(yaml, "test.yaml").get(0).content();
    Manifest plain =
        new Manifest(ManifestDirectoryRenderer.refOf(body, "test.yaml"), body, "test.yaml");
    return Ownership.label(plain, "demo", "app", "demo", revision);
  }

  private static DesiredState state(String revision, String configValue, String... extraData) {
    String extra = extraData.length == 0 ? "" : "  " + String.join("\n  ", extraData) + "\n";
    return new DesiredState(
        "demo",
        revision,
        List.of(
            new DesiredRelease(
                "app",
                "demo",
                List.of(
                    manifest(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  level: "
                            + configValue
                            + "\n"
                            + extra,
                        revision),
                    manifest(
                        "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  ports:\n  - port: 8081\n    name: http\n",
                        revision),
                    manifest(
                        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n"
                            + "  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - {name: api, image: 'orchestrate:1'}\n",
                        revision)))));
  }

  @Test
  void createsInOrderThenWritesNothingWhenNothingChanged() {
    ChangeSet first = applier.apply(state("r1", "info"), ApplyOptions.defaults());
    assertThat(first.entries())
        .extracting(e -> e.ref().toString(), ChangeSet.Entry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ConfigMap/demo/settings", Action.CREATED),
            org.assertj.core.groups.Tuple.tuple("Service/demo/api", Action.CREATED),
            org.assertj.core.groups.Tuple.tuple("Deployment/demo/api", Action.CREATED));
    assertThat(server.dispatcher().writes())
        .extracting(r -> r.method())
        .containsExactly("PATCH", "PATCH", "PATCH");

    server.dispatcher().clearRequests();
    ChangeSet again = applier.apply(state("r2", "info"), ApplyOptions.defaults());

    assertThat(again.entries()).extracting(ChangeSet.Entry::action).containsOnly(Action.UNCHANGED);
    assertThat(server.dispatcher().writes()).isEmpty();
  }

  @Test
  void sendsOnlyTheObjectThatChanged() {
    applier.apply(state("r1", "info"), ApplyOptions.defaults());
    server.dispatcher().clearRequests();

    ChangeSet changes = applier.apply(state("r2", "debug"), ApplyOptions.defaults());

    assertThat(changes.writes())
        .extracting(e -> e.ref().toString())
        .containsExactly("ConfigMap/demo/settings");
    assertThat(server.dispatcher().writes()).hasSize(1);
    assertThat(server.dispatcher().writes().get(0).path())
        .startsWith("/api/v1/namespaces/demo/configmaps/settings?");
    ConfigMap live = server.client().configMaps().inNamespace("demo").withName("settings").get();
    assertThat(live.getData()).containsEntry("level", "debug");
    assertThat(live.getMetadata().getAnnotations()).containsEntry(Ownership.REVISION, "r2");
    assertThat(live.getMetadata().getLabels())
        .containsEntry(Ownership.MANAGED_BY, "helmsync")
        .containsEntry(Ownership.RELEASE, "app");
  }

  @Test
  void aRemovedFieldIsSentSoTheServerDropsIt() {
    applier.apply(state("r1", "info", "extra: gone-soon"), ApplyOptions.defaults());
    server.dispatcher().clearRequests();

    ChangeSet changes = applier.apply(state("r2", "info"), ApplyOptions.defaults());

    assertThat(changes.writes())
        .extracting(e -> e.ref().toString())
        .containsExactly("ConfigMap/demo/settings");
    assertThat(
            server.client().configMaps().inNamespace("demo").withName("settings").get().getData())
        .doesNotContainKey("extra");
  }

  @Test
  void aManualEditIsPutBack() {
    applier.apply(state("r1", "info"), ApplyOptions.defaults());
    server
        .client()
        .configMaps()
        .inNamespace("demo")
        .withName("settings")
        .edit(
            cm -> {
              cm.getData().put("level", "edited-by-hand");
              return cm;
            });

    ChangeSet changes = applier.apply(state("r1", "info"), ApplyOptions.defaults());

    assertThat(changes.writes())
        .extracting(ChangeSet.Entry::action)
        .containsExactly(Action.CONFIGURED);
    assertThat(
            server.client().configMaps().inNamespace("demo").withName("settings").get().getData())
        .containsEntry("level", "info");
  }

  @Test
  void aConflictWithoutForceIsStalledAndNamesTheObject() {
    server
        .client()
        .configMaps()
        .inNamespace("demo")
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("demo")
                .endMetadata()
                .addToData("level", "theirs")
                .build())
        .fieldManager("kubectl")
        .serverSideApply();

    assertThatThrownBy(
            () -> applier.apply(state("r1", "info"), ApplyOptions.defaults().withForce(false)))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .startsWith("ConfigMap/demo/settings: apply failed (HTTP 409)")
                  .contains("kubectl");
            });
  }

  @Test
  void anUnreachableServerIsTransient() {
    var config =
        new io.fabric8.kubernetes.client.ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:1")
            .withRequestRetryBackoffLimit(0)
            .build();
    try (var unreachable =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
      assertThatThrownBy(
              () ->
                  new ServerSideApplier(unreachable)
                      .apply(state("r1", "info"), ApplyOptions.defaults()))
          .isInstanceOfSatisfying(
              ReconcileException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
                assertThat(e.getMessage()).startsWith("ConfigMap/demo/settings: apply failed");
              });
    }
  }
}
