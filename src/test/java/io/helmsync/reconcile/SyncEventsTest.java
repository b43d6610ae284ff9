package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.apply.PruneRefusedException;
import io.helmsync.health.Health;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.observe.EventSink;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyncEventsTest {
  private static final ObjectRef API = new ObjectRef("apps/v1", "Deployment", "demo", "api");

  /** Keeps what was reported, as "Type Reason: message". */
  private static final class RecordingSink implements EventSink {
    final List<String> events = new ArrayList<>();

    @Override
    public void environment(Type type, String reason, String message) {
      events.add(type.value() + " " + reason + ": " + message);
    }

    @Override
    public void object(ObjectRef object, Type type, String reason, String message) {
      events.add(object + " " + type.value() + " " + reason + ": " + message);
    }
  }

  private final RecordingSink sink = new RecordingSink();
  private final SyncEvents events = new SyncEvents(sink);

  private static ReconcileResult synced(String revision, Action... actions) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    for (Action action : actions) {
      entries.add(new ChangeSet.Entry(API, "api", action, ""));
    }
    return new ReconcileResult(
        Trigger.of(Trigger.Cause.POLL),
        revision,
        Optional.empty(),
        Outcome.SYNCED,
        new ChangeSet(entries),
        null,
        Map.of("api", 1),
        Duration.ofMillis(5),
        null);
  }

  private static ReconcileResult failed(String revision, ReconcileException error) {
    return new ReconcileResult(
        Trigger.of(Trigger.Cause.POLL),
        revision,
        Optional.empty(),
        Outcome.FAILED,
        null,
        null,
        Map.of(),
        Duration.ofMillis(5),
        error);
  }

  @Test
  void aSyncThatChangesSomethingIsReportedAndAPollThatFindsNothingIsNot() {
    ReconcileResult first =
        synced("0123456789abcdef", Action.CREATED, Action.CREATED, Action.UNCHANGED);
    events.recorded(null, first, Map.of());
    ReconcileResult noop = synced("0123456789abcdef", Action.UNCHANGED);
    events.recorded(first, noop, Map.of());
    events.recorded(noop, synced("0123456789abcdef", Action.UNCHANGED), Map.of());

    assertThat(sink.events)
        .containsExactly(
            "Normal SyncSucceeded: revision 0123456789ab applied: created 2, unchanged 1");
  }

  @Test
  void aNewRevisionWithNothingToChangeIsStillReportedOnce() {
    ReconcileResult first = synced("aaa", Action.UNCHANGED);
    ReconcileResult next = synced("bbb", Action.UNCHANGED);
    events.recorded(first, next, Map.of());

    assertThat(sink.events)
        .containsExactly("Normal SyncSucceeded: revision bbb applied: no changes needed");
  }

  @Test
  void aFailureSaysWhyAndARefusedPruneHasItsOwnReason() {
    events.recorded(
        null,
        failed(
            "abc", ReconcileException.stalled("helmfile.yaml:3:5: mapping values are not allowed")),
        Map.of());
    events.recorded(
        null,
        failed(
            "abc",
            new PruneRefusedException("applied, but refused to prune 5 of the 6 managed objects")),
        Map.of());
    events.recorded(
        null,
        failed(
            null,
            ReconcileException.transientError("git://git.example/repo: connection refused", null)),
        Map.of());

    assertThat(sink.events)
        .containsExactly(
            "Warning SyncFailed: revision abc: helmfile.yaml:3:5: mapping values are not allowed",
            "Warning PruneRefused: revision abc: applied, but refused to prune 5 of the 6 managed objects",
            "Warning SyncFailed: git://git.example/repo: connection refused");
  }

  @Test
  void aReleaseIsReportedWhenItTurnsDegradedAndWhenItRecoversNotWhileItStaysSo() {
    ReconcileResult result = synced("abc", Action.UNCHANGED);
    Health degraded =
        Health.degraded("Deployment/demo/api: Deployment exceeded its progress deadline");
    events.recorded(result, result, Map.of("api", Health.healthy("")));
    events.recorded(result, result, Map.of("api", degraded));
    events.recorded(result, result, Map.of("api", degraded));
    events.recorded(
        result,
        result,
        Map.of("api", Health.progressing("Deployment/demo/api: Waiting for rollout")));
    events.recorded(result, result, Map.of("api", Health.healthy("")));
    events.recorded(result, result, Map.of("api", Health.healthy("")));

    assertThat(sink.events)
        .containsExactly(
            "Warning ReleaseDegraded: release api is degraded: Deployment/demo/api: Deployment exceeded its progress deadline",
            "Normal ReleaseRecovered: release api is healthy again");
  }
}
