package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftPolicyTest {
  private static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "demo", "api");

  @Test
  void readsPathsPerKind() {
    DriftPolicy policy =
        DriftPolicy.parse(List.of("apps/v1/Deployment:spec.replicas", " v1/ConfigMap:data.level "));

    assertThat(policy.pathsFor(DEPLOYMENT)).containsExactly("spec.replicas");
    assertThat(policy.pathsFor(new ObjectRef("v1", "ConfigMap", "demo", "x")))
        .containsExactly("data.level");
    assertThat(policy.pathsFor(new ObjectRef("apps/v1", "StatefulSet", "demo", "x"))).isEmpty();
  }

  @Test
  void anEntryWithoutKindOrPathIsRefusedWithAnExample() {
    assertThatThrownBy(() -> DriftPolicy.parse(List.of("spec.replicas")))
        .hasMessageContaining("'spec.replicas'")
        .hasMessageContaining("apps/v1/Deployment:spec.replicas");
  }

  @Test
  void anAnnotatedObjectLeavesEveryFieldAnotherManagerOwns() {
    Map<String, Object> live =
        Map.of(
            "metadata",
            Map.of(
                "annotations", Map.of(Ownership.DRIFT, Ownership.IGNORE),
                "managedFields",
                    List.of(
                        Map.of(
                            "manager",
                            "helmsync",
                            "operation",
                            "Apply",
                            "fieldsV1",
                            Map.of("f:spec", Map.of("f:paused", Map.of()))),
                        Map.of(
                            "manager",
                            "hpa",
                            "operation",
                            "Update",
                            "fieldsV1",
                            Map.of("f:spec", Map.of("f:replicas", Map.of()))),
                        Map.of(
                            "manager",
                            "kubelet",
                            "operation",
                            "Update",
                            "subresource",
                            "status",
                            "fieldsV1",
                            Map.of("f:status", Map.of("f:ready", Map.of()))))));

    assertThat(DriftPolicy.none().pathsFor(DEPLOYMENT, live, "helmsync"))
        .containsExactly("spec.replicas");
  }
}
