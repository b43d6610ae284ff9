package io.helmsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectRefTest {

  @ParameterizedTest
  @CsvSource({
    "apps/v1, Deployment, demo, api, demo_api_apps_Deployment, Deployment/demo/api",
    "v1, ConfigMap, demo, cfg, demo_cfg__ConfigMap, ConfigMap/demo/cfg",
    "rbac.authorization.k8s.io/v1, ClusterRole, '', reader, _reader_rbac.authorization.k8s.io_ClusterRole, ClusterRole/reader"
  })
  void idAndDisplayFollowFluxConventions(
      String apiVersion, String kind, String namespace, String name, String id, String display) {
    ObjectRef ref = new ObjectRef(apiVersion, kind, namespace, name);
    assertThat(ref.id()).isEqualTo(id);
    assertThat(ref).hasToString(display);
    assertThat(ObjectRef.fromId(id, ref.version())).isEqualTo(ref);
  }

  @Test
  void malformedIdsAreRefused() {
    assertThatThrownBy(() -> ObjectRef.fromId("demo_api_Deployment", "v1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo_api_Deployment");
  }
}
