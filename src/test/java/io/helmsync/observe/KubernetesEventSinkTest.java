package io.helmsync.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.helmsync.model.ObjectRef;
import io.helmsync.observe.EventSink.Type;
import io.helmsync.testing.ApplyMockServer;
import io.helmsync.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesEventSinkTest {
  private static final ObjectRef INVENTORY =
      new ObjectRef("v1", "ConfigMap", "demo", "helmsync-inventory-demo");
  private ApplyMockServer server;
  private ManualClock clock;
  private KubernetesEventSink sink;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    clock = new ManualClock();
    sink = new KubernetesEventSink(server.client(), INVENTORY, "helmsync-7d9f-abcde", clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<Event> events() {
    return server.client().v1().events().inNamespace("demo").list().getItems();
  }

  @Test
  void anEnvironmentEventIsAboutTheInventoryConfigMapAndSaysWhoReportedIt() {
    sink.environment(Type.WARNING, "SyncFailed", "helmfile.yaml:3: cannot parse");

    assertThat(events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
              assertThat(event.getInvolvedObject().getName()).isEqualTo("helmsync-inventory-demo");
              assertThat(event.getInvolvedObject().getNamespace()).isEqualTo("demo");
              assertThat(event.getType()).isEqualTo("Warning");
              assertThat(event.getReason()).isEqualTo("SyncFailed");
              assertThat(event.getMessage()).isEqualTo("helmfile.yaml:3: cannot parse");
              assertThat(event.getSource().getComponent()).isEqualTo("helmsync");
              assertThat(event.getReportingComponent()).isEqualTo("helmsync");
              assertThat(event.getReportingInstance()).isEqualTo("helmsync-7d9f-abcde");
              assertThat(event.getCount()).isEqualTo(1);
              assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-25T00:00:00Z");
            });
  }

  @Test
  void aRepeatBumpsTheCountOfTheSameEventInsteadOfAddingOne() {
    sink.environment(Type.WARNING, "SyncFailed", "git server unreachable");
    clock.advance(Duration.ofSeconds(30));
    sink.environment(Type.WARNING, "SyncFailed", "git server unreachable");
    clock.advance(Duration.ofSeconds(30));
    sink.environment(Type.WARNING, "SyncFailed", "git server unreachable");

    assertThat(events())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getCount()).isEqualTo(3);
              assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-25T00:00:00Z");
              assertThat(event.getLastTimestamp()).isEqualTo("2026-11-25T00:01:00Z");
            });
  }

  @Test
  void aNewMessageOrAnotherObjectIsANewEvent() {
    ObjectRef api = new ObjectRef("apps/v1", "Deployment", "demo", "api");
    sink.environment(Type.WARNING, "SyncFailed", "git server unreachable");
    sink.environment(Type.WARNING, "SyncFailed", "helmfile.yaml:3: cannot parse");
    sink.object(api, Type.NORMAL, "DriftCorrected", "spec.replicas was 1, set back to 2");
    sink.object(api, Type.NORMAL, "DriftCorrected", "spec.replicas was 1, set back to 2");

    assertThat(events())
        .extracting(Event::getMessage, Event::getCount)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("git server unreachable", 1),
            org.assertj.core.groups.Tuple.tuple("helmfile.yaml:3: cannot parse", 1),
            org.assertj.core.groups.Tuple.tuple("spec.replicas was 1, set back to 2", 2));
    assertThat(events())
        .filteredOn(event -> event.getReason().equals("DriftCorrected"))
        .allSatisfy(
            event -> assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("apps/v1"));
  }

  @Test
  void anEventThatExpiredIsWrittenAgain() {
    sink.environment(Type.NORMAL, "SyncSucceeded", "revision abc applied: created 2");
    server.client().v1().events().inNamespace("demo").delete();
    sink.environment(Type.NORMAL, "SyncSucceeded", "revision abc applied: created 2");

    assertThat(events()).singleElement().extracting(Event::getCount).isEqualTo(1);
  }

  @Test
  void aLongMessageIsCutToWhatTheApiServerAccepts() {
    sink.environment(Type.WARNING, "SyncFailed", "x".repeat(5000));

    assertThat(events().get(0).getMessage())
        .hasSize(KubernetesEventSink.MAX_MESSAGE)
        .endsWith("...");
  }
}
