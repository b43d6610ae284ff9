package io.helmsync.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.helmsync.health.Health;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.model.WaitPolicy;
import io.helmsync.reconcile.ReconcileResult;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.reconcile.ReconcileSummary;
import io.helmsync.reconcile.ServerSideSync;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's state and each release's chart, as the status page and API show them. */
class StatusViewTest {
  private static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "demo", "api");
  private static final DesiredState RENDERED =
      new DesiredState(
          "demo",
          "r1",
          List.of(
              release("postgres", "stateful-service-0.1.0"),
              release("api", "core-stack-api-0.3.1")));

  private static DesiredRelease release(String name, String chart) {
    return new DesiredRelease(
        name, "demo", List.of(), List.of(), WaitPolicy.NONE, List.of(), chart);
  }

  private static ReconcileResult synced(ChangeSet changes) {
    return new ReconcileResult(
        Trigger.of(Trigger.Cause.POLL),
        "r1",
        Optional.empty(),
        Outcome.SYNCED,
        changes,
        RENDERED,
        Map.of("postgres", 2, "api", 3),
        Duration.ofMillis(5),
        null);
  }

  private static ReconcileResult failed() {
    return new ReconcileResult(
        Trigger.of(Trigger.Cause.POLL),
        "r2",
        Optional.empty(),
        Outcome.FAILED,
        null,
        null,
        Map.of("postgres", 2, "api", 3),
        Duration.ofMillis(5),
        ReconcileException.stalled("environments/demo.yaml:3:1: invalid YAML"));
  }

  /** The view of {@code history} (newest first), whose charts the loop kept from the render. */
  private static StatusView view(List<ReconcileResult> history, Map<String, Health> health) {
    Map<String, String> charts =
        Map.of("postgres", "stateful-service-0.1.0", "api", "core-stack-api-0.3.1");
    return StatusView.of(
        Optional.empty(),
        Optional.of(history.get(0)),
        history.stream().map(ReconcileSummary::of).toList(),
        charts,
        health,
        Map.of());
  }

  @Test
  void healthyReleasesAreSyncedAndEachShowsItsChart() {
    StatusView view =
        view(
            List.of(synced(ChangeSet.empty())),
            Map.of("postgres", Health.healthy(""), "api", Health.healthy("")));
    assertThat(view.state()).isEqualTo("synced");
    assertThat(view.releases())
        .extracting(StatusView.Release::name, StatusView.Release::chart)
        .containsExactlyInAnyOrder(
            tuple("postgres", "stateful-service-0.1.0"), tuple("api", "core-stack-api-0.3.1"));
  }

  @Test
  void aDegradedReleaseOutweighsAProgressingOneAndAProgressingOneIsShown() {
    assertThat(
            view(
                    List.of(synced(ChangeSet.empty())),
                    Map.of(
                        "postgres",
                        Health.progressing("Waiting for 1 pod"),
                        "api",
                        Health.degraded("CrashLoop")))
                .state())
        .isEqualTo("degraded");
    assertThat(
            view(
                    List.of(synced(ChangeSet.empty())),
                    Map.of(
                        "postgres",
                        Health.progressing("Waiting for 1 pod"),
                        "api",
                        Health.healthy("")))
                .state())
        .isEqualTo("progressing");
  }

  @Test
  void aSyncHeldBySuspendIsSuspendedWhateverTheHealth() {
    ChangeSet held =
        new ChangeSet(
            List.of(
                new ChangeSet.Entry(
                    CONFIG,
                    "api",
                    Action.SKIPPED,
                    ServerSideSync.SUSPENDED_BY
                        + "HELMSYNC_SUSPEND: would configure data.LOG_LEVEL")));
    assertThat(view(List.of(synced(held)), Map.of("api", Health.degraded("CrashLoop"))).state())
        .isEqualTo("suspended");
  }

  @Test
  void aFailedReconcileIsFailingAndKeepsTheChartsOfTheLastRender() {
    StatusView view =
        view(List.of(failed(), synced(ChangeSet.empty())), Map.of("api", Health.healthy("")));
    assertThat(view.state()).isEqualTo("failing");
    assertThat(view.error()).contains("invalid YAML");
    assertThat(view.recent())
        .extracting(StatusView.Event::state, StatusView.Event::summary)
        .containsExactly(
            tuple("failing", "environments/demo.yaml:3:1: invalid YAML"), tuple("synced", ""));
    assertThat(view.releases())
        .filteredOn(release -> release.name().equals("api"))
        .singleElement()
        .extracting(StatusView.Release::chart)
        .isEqualTo("core-stack-api-0.3.1");
  }
}
