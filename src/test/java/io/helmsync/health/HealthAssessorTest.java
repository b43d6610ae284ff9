package io.helmsync.health;

import static io.helmsync.health.HealthStatus.DEGRADED;
import static io.helmsync.health.HealthStatus.HEALTHY;
import static io.helmsync.health.HealthStatus.PROGRESSING;
import static io.helmsync.health.HealthStatus.SUSPENDED;
import static io.helmsync.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.YamlDocuments;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HealthAssessorTest {

  record Case(String fixture, HealthStatus expected, String messageContains) {
    @Override
    public String toString() {
      return fixture + " -> " + expected;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("deployment/healthy.yaml", HEALTHY, "Rollout complete: 3 updated replicas"),
        new Case("deployment/paused.yaml", SUSPENDED, "Deployment is paused"),
        new Case(
            "deployment/generation-not-observed.yaml",
            PROGRESSING,
            "has not yet observed generation 2"),
        new Case(
            "deployment/rollout-progressing.yaml",
            PROGRESSING,
            "Waiting for rollout to finish: 1 out of 3 new replicas have been updated"),
        new Case(
            "deployment/old-replicas-pending-termination.yaml",
            PROGRESSING,
            "Waiting for rollout to finish: 2 old replicas are pending termination"),
        new Case(
            "deployment/updated-replicas-unavailable.yaml",
            PROGRESSING,
            "Waiting for rollout to finish: 1 of 3 updated replicas are available"),
        new Case(
            "deployment/progress-deadline-exceeded.yaml",
            DEGRADED,
            "exceeded its progress deadline: ReplicaSet \"api-5f6c8d\" has timed out"),
        new Case(
            "deployment/rendered-without-status.yaml",
            PROGRESSING,
            "0 out of 3 new replicas have been updated"),
        new Case("deployment/deleting.yaml", PROGRESSING, "Pending deletion"),
        new Case(
            "deployment/malformed-status.yaml",
            UNKNOWN,
            "Cannot assess health: status.replicas is 'three', not a number"),
        new Case(
            "deployment/extensions-v1beta1.yaml",
            PROGRESSING,
            "2 of 3 updated replicas are available"),
        new Case("statefulset/healthy.yaml", HEALTHY, "3 pods at revision db-6b8f7c9d4"),
        new Case(
            "statefulset/rolling-update-in-progress.yaml",
            PROGRESSING,
            "Waiting for rolling update to finish: 1 pods updated to revision db-7c9a1e2f5"),
        new Case(
            "statefulset/generation-not-observed.yaml", PROGRESSING, "spec update to be observed"),
        new Case("statefulset/never-observed.yaml", PROGRESSING, "spec update to be observed"),
        new Case("statefulset/pods-not-ready.yaml", PROGRESSING, "Waiting for 2 pods to be ready"),
        new Case(
            "statefulset/live-rollout-progressing.yaml",
            PROGRESSING,
            "Waiting for rollout to finish: 1 out of 3 new pods have been updated"),
        new Case(
            "statefulset/live-healthy.yaml",
            HEALTHY,
            "Rollout complete: 3 new pods have been updated"),
        new Case(
            "statefulset/partition-progressing.yaml",
            PROGRESSING,
            "1 out of 2 new pods have been updated (pods below partition 1 keep their revision)"),
        new Case(
            "statefulset/partition-complete.yaml",
            HEALTHY,
            "Rollout complete: 2 new pods have been updated (pods below partition 1"),
        new Case("statefulset/on-delete.yaml", HEALTHY, "StatefulSet has 3 ready pods"),
        new Case("daemonset/healthy.yaml", HEALTHY, "Rollout complete: 5 pods are available"),
        new Case("daemonset/generation-not-observed.yaml", PROGRESSING, "has not yet observed"),
        new Case(
            "daemonset/rollout-progressing.yaml",
            PROGRESSING,
            "2 out of 5 new pods have been updated"),
        new Case(
            "daemonset/pods-unavailable.yaml", PROGRESSING, "3 of 5 updated pods are available"),
        new Case("daemonset/on-delete.yaml", HEALTHY, "2 out of 5 pods run the new template"),
        new Case("replicaset/healthy.yaml", HEALTHY, "2 replicas are available"),
        new Case("replicaset/generation-not-observed.yaml", PROGRESSING, "has not yet observed"),
        new Case(
            "replicaset/replicas-unavailable.yaml",
            PROGRESSING,
            "1 out of 2 new replicas are available"),
        new Case("replicaset/replica-failure.yaml", DEGRADED, "exceeded quota: compute"),
        new Case("job/complete.yaml", HEALTHY, "Job completed: 1 succeeded"),
        new Case(
            "job/failed.yaml", DEGRADED, "Job failed: Job has reached the specified backoff limit"),
        new Case("job/running.yaml", PROGRESSING, "1 active, 0 succeeded, 1 failed pods"),
        new Case("job/suspended.yaml", SUSPENDED, "Job is suspended"),
        new Case("pod/running-ready.yaml", HEALTHY, "Pod is running and ready"),
        new Case(
            "pod/crash-loop-backoff.yaml",
            DEGRADED,
            "container \"api\" is CrashLoopBackOff: back-off 5m0s"),
        new Case(
            "pod/image-pull-backoff.yaml",
            DEGRADED,
            "container \"api\" is ImagePullBackOff: Back-off pulling image"),
        new Case(
            "pod/err-image-pull.yaml", DEGRADED, "container \"api\" is ErrImagePull: rpc error"),
        new Case(
            "pod/init-container-config-error.yaml",
            DEGRADED,
            "container \"wait-for-db\" is CreateContainerConfigError: secret \"db-credentials\""),
        new Case(
            "pod/pending-unschedulable.yaml",
            PROGRESSING,
            "Waiting to be scheduled: 0/3 nodes are available"),
        new Case(
            "pod/pending-containers-creating.yaml",
            PROGRESSING,
            "Waiting for the pod's containers to start: container \"api\" is ContainerCreating"),
        new Case("pod/running-not-ready.yaml", PROGRESSING, "Waiting for the pod to become ready"),
        new Case(
            "pod/running-restarted-not-ready.yaml",
            DEGRADED,
            "container \"api\" is not ready and has restarted (last exit code 137, OOMKilled)"),
        new Case("pod/hook-running.yaml", PROGRESSING, "Waiting for the pod to run to completion"),
        new Case(
            "pod/hook-image-pull-backoff.yaml",
            PROGRESSING,
            "containers to start: container \"api\" is ImagePullBackOff: Back-off pulling image"),
        new Case("pod/succeeded.yaml", HEALTHY, "Pod completed"),
        new Case("pod/failed-with-message.yaml", DEGRADED, "The node was low on resource: memory"),
        new Case(
            "pod/failed-oom-killed.yaml",
            DEGRADED,
            "container \"api\" is OOMKilled: out of memory"),
        new Case(
            "pod/failed-exit-code.yaml", DEGRADED, "container \"api\" failed with exit code 2"),
        new Case(
            "pod/failed-termination-message.yaml",
            DEGRADED,
            "migration 0042 failed: relation \"orders\" already exists"),
        new Case("pod/failed-without-reason.yaml", DEGRADED, "Pod failed"),
        new Case("pod/rendered-without-status.yaml", UNKNOWN, "The pod reports no phase yet"),
        new Case("pod/phase-unknown.yaml", UNKNOWN, "the node hosting this pod stopped reporting"),
        new Case("persistentvolumeclaim/bound.yaml", HEALTHY, "Bound to volume pvc-2f1c9a7e"),
        new Case("persistentvolumeclaim/pending.yaml", PROGRESSING, "Waiting for a volume"),
        new Case(
            "persistentvolumeclaim/lost.yaml",
            DEGRADED,
            "The bound volume pvc-2f1c9a7e no longer exists"),
        new Case("persistentvolumeclaim/no-status.yaml", UNKNOWN, "The claim reports no phase yet"),
        new Case("service/cluster-ip.yaml", HEALTHY, ""),
        new Case(
            "service/load-balancer-pending.yaml",
            PROGRESSING,
            "Waiting for the load balancer to be assigned an address"),
        new Case(
            "service/load-balancer-ready.yaml",
            HEALTHY,
            "Reachable at a1b2c3-123456789.eu-west-1.elb.amazonaws.com"),
        new Case("ingress/address-assigned.yaml", HEALTHY, "Reachable at 203.0.113.10"),
        new Case(
            "ingress/address-pending.yaml",
            PROGRESSING,
            "Waiting for the ingress controller to be assigned an address"),
        new Case("ingress/extensions-v1beta1-pending.yaml", PROGRESSING, "Waiting for the ingress"),
        new Case("customresourcedefinition/established.yaml", HEALTHY, "CRD is established"),
        new Case(
            "customresourcedefinition/installing.yaml",
            PROGRESSING,
            "Waiting for the CRD to be established: the initial names have been accepted"),
        new Case(
            "customresourcedefinition/no-conditions.yaml",
            PROGRESSING,
            "Waiting for the API server to report"),
        new Case(
            "customresourcedefinition/names-not-accepted.yaml",
            DEGRADED,
            "CRD names were not accepted: \"certificates\" is already in use"),
        new Case(
            "customresourcedefinition/non-structural-schema.yaml",
            DEGRADED,
            "CRD schema is not structural: spec.versions[0]"),
        new Case(
            "customresourcedefinition/terminating.yaml",
            PROGRESSING,
            "CRD is being deleted: CustomResource deletion is in progress"),
        new Case("generic/config-map.yaml", HEALTHY, ""),
        new Case("generic/role.yaml", HEALTHY, ""),
        new Case(
            "generic/ready-true.yaml",
            HEALTHY,
            "Ready is True: Certificate is up to date and has not expired"),
        new Case(
            "generic/ready-false.yaml",
            DEGRADED,
            "Ready is False: Issuing certificate as Secret does not exist"),
        new Case("generic/ready-unknown.yaml", PROGRESSING, "Ready is Unknown: Pending"),
        new Case(
            "generic/generation-not-observed.yaml",
            PROGRESSING,
            "Waiting for the controller to observe generation 2"),
        new Case(
            "generic/available-false.yaml",
            DEGRADED,
            "Available is False: endpoints for service/metrics-server"),
        new Case("generic/other-conditions-only.yaml", HEALTHY, ""));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void assessesEachStateOfEachKind(Case c) {
    Health health = HealthAssessor.assess(fixture(c.fixture()));

    assertThat(health.status()).as(health.message()).isEqualTo(c.expected());
    assertThat(health.message()).contains(c.messageContains());
  }

  @Test
  void everyFixtureHasACase() throws IOException {
    try (Stream<Path> files = Files.walk(root())) {
      Stream<String> fixtures =
          files.filter(Files::isRegularFile).map(f -> root().relativize(f).toString());
      assertThat(fixtures).containsExactlyInAnyOrderElementsOf(cases().map(Case::fixture).toList());
    }
  }

  @Test
  void anObjectWithNeitherApiVersionNorKindIsAssessedByConventions() {
    assertThat(HealthAssessor.assess(Map.of("metadata", Map.of("name", "x"))))
        .isEqualTo(Health.healthy(""));
  }

  @Test
  void aStatusThatIsNotAMappingIsUnknownAndSaysWhere() {
    Health health =
        HealthAssessor.assess(Map.of("apiVersion", "v1", "kind", "Pod", "status", "Running"));

    assertThat(health)
        .isEqualTo(Health.unknown("Cannot assess health: status is 'Running', not a mapping"));
  }

  private static Map<String, Object> fixture(String name) {
    Path file = root().resolve(name);
    return YamlDocuments.read(file, name).get(0).content();
  }

  private static Path root() {
    try {
      return Path.of(HealthAssessorTest.class.getResource("/health/testdata").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
