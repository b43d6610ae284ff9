package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.testing.ApplyMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrunerTest {
  private ApplyMockServer server;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ObjectRef create(
      String name, Map<String, String> labels, Map<String, String> annotations) {
    server
        .client()
        .configMaps()
        .inNamespace("demo")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("demo")
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .build())
        .create();
    return new ObjectRef("v1", "ConfigMap", "demo", name);
  }

  private static Map<String, String> ours(String environment) {
    return Map.of(
        Ownership.MANAGED_BY,
        "helmsync",
        Ownership.ENVIRONMENT,
        environment,
        Ownership.RELEASE,
        "app");
  }

  @Test
  void deletesOnlyWhatIsStillHelmsyncsForThisEnvironment() {
    ObjectRef stale = create("stale", ours("demo"), Map.of());
    ObjectRef keep = create("keep", ours("demo"), Map.of(Ownership.PRUNE, "disabled"));
    ObjectRef foreign = create("foreign", Map.of("app.kubernetes.io/managed-by", "Helm"), Map.of());
    ObjectRef otherEnvironment = create("other-env", ours("qa"), Map.of());
    ObjectRef gone = new ObjectRef("v1", "ConfigMap", "demo", "gone");
    server.dispatcher().clearRequests();

    Pruner.Result result =
        new Pruner(server.client(), "demo")
            .prune(List.of(stale, keep, foreign, otherEnvironment, gone), PruneOptions.defaults());

    assertThat(result.changes().entries())
        .extracting(ChangeSet.Entry::ref, ChangeSet.Entry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(stale, Action.DELETED),
            org.assertj.core.groups.Tuple.tuple(keep, Action.SKIPPED),
            org.assertj.core.groups.Tuple.tuple(foreign, Action.SKIPPED),
            org.assertj.core.groups.Tuple.tuple(otherEnvironment, Action.SKIPPED),
            org.assertj.core.groups.Tuple.tuple(gone, Action.SKIPPED));
    assertThat(result.changes().entries().get(1).message()).contains("prune disabled");
    assertThat(result.failed()).isEmpty();
    assertThat(server.dispatcher().writes())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE /api/v1/namespaces/demo/configmaps/stale");
    assertThat(server.client().configMaps().inNamespace("demo").list().getItems())
        .extracting(cm -> cm.getMetadata().getName())
        .containsExactlyInAnyOrder("keep", "foreign", "other-env");
  }

  @Test
  void namespacesAreNeverPrunedEvenWhenLabelledAsOurs() {
    server
        .client()
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("orchestrate-data")
                .withLabels(ours("demo"))
                .endMetadata()
                .build())
        .create();
    ObjectRef namespace = new ObjectRef("v1", "Namespace", "", "orchestrate-data");
    server.dispatcher().clearRequests();

    Pruner.Result result =
        new Pruner(server.client(), "demo").prune(List.of(namespace), PruneOptions.defaults());

    assertThat(result.changes().entries().get(0).action()).isEqualTo(Action.SKIPPED);
    assertThat(result.changes().entries().get(0).message()).contains("Namespaces are never pruned");
    assertThat(server.dispatcher().requests()).isEmpty();
    assertThat(server.client().namespaces().withName("orchestrate-data").get()).isNotNull();
  }
}
