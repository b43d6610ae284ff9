package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helmsync.config.AgentSettings;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.observe.AgentHealth;
import io.helmsync.observe.EventSink;
import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.DirectorySource;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import io.helmsync.testing.RepoFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the loop reconciles again after a failure, by the failure's {@link Reason}, and what it
 * keeps of past reconciles (driven on the example repository, rendering without a cluster).
 */
class ReconcileLoopTest {
  private static final String ENV = "orchestrate-demo";

  @TempDir Path repo;

  /**
   * The example repository; fails with a transient error while {@code failing}; each fetch waits
   * for {@code gate}, and is counted.
   */
  private final class ExampleSource implements Source {
    private volatile boolean failing;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger fetches = new AtomicInteger();

    @Override
    public SourceSnapshot fetch(String lastRevision) {
      fetches.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failing) {
        throw ReconcileException.transientError("git fetch failed: connection refused", null);
      }
      return new DirectorySource(repo).fetch(lastRevision);
    }
  }

  private final ExampleSource source = new ExampleSource();

  private ReconcileLoop loop(Executor executor) {
    RepoFiles.copyExample(repo);
    ReconcileLoop loop =
        new ReconcileLoop(
            null, new ReconcileMetrics(new SimpleMeterRegistry()), new AgentHealth(), executor);
    Reconciler reconciler =
        new Reconciler(
            source,
            new HelmfileLoader(
                StateOptions.of("helmfile.yaml", ENV, Map.of())
                    .withSecrets(SecretResolver.placeholders())),
            new ReleasePlanner(ENV),
            new HelmChartRenderer(ChartContext.offline()),
            Optional.empty(),
            ENV);
    AgentSettings settings =
        new AgentSettings(
            ENV,
            ENV,
            Optional.of(repo),
            Optional.empty(),
            "main",
            ".",
            "helmfile.yaml",
            Duration.ofSeconds(15),
            true,
            true,
            repo.resolve("work"));
    loop.use(reconciler, settings, new SyncEvents(EventSink.NONE), ReleaseHealth.NONE);
    return loop;
  }

  @Test
  void waitingForHealthLooksAgainAfterAFixedDelayWithoutBackingOff() {
    ReconcileLoop loop = new ReconcileLoop(null, null, null, (Executor) null);
    Duration firstTransient = loop.retryDelay(Reason.TRANSIENT);
    Duration waiting = loop.retryDelay(Reason.WAITING);
    Duration secondTransient = loop.retryDelay(Reason.TRANSIENT);
    Duration stalled = loop.retryDelay(Reason.STALLED);

    assertThat(firstTransient).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1200));
    assertThat(waiting).isEqualTo(ReconcileLoop.WAITING_RETRY).isEqualTo(Duration.ofSeconds(30));
    assertThat(secondTransient)
        .as("a wait for health is not a transient failure to count")
        .isBetween(Duration.ofSeconds(2), Duration.ofMillis(2400));
    assertThat(stalled).as("the reconciler itself skips a stalled revision").isZero();
  }

  @Test
  void theHistoryKeepsSummariesAndOnlyTheNewestResultItsDesiredState() {
    ReconcileLoop loop = loop(Runnable::run);
    for (int i = 0; i < 3; i++) {
      loop.reconcileNow(Trigger.of(Trigger.Cause.POLL));
    }
    ReconcileResult rendered = loop.last().orElseThrow();

    assertThat(rendered.desired().objects()).hasSize(35);
    assertThat(loop.history())
        .hasSize(3)
        .allSatisfy(
            summary -> {
              assertThat(summary.outcome()).isEqualTo(Outcome.RENDERED);
              assertThat(summary.objects()).isEqualTo(35);
            });
    assertThat(ReconcileSummary.class.getRecordComponents())
        .extracting(RecordComponent::getType)
        .as("a summary holds no desired state or change set")
        .doesNotContain(DesiredState.class, ChangeSet.class, ReconcileResult.class);

    source.failing = true;
    loop.reconcileNow(Trigger.of(Trigger.Cause.WEBHOOK));

    assertThat(loop.last().orElseThrow().desired()).as("a failure renders nothing").isNull();
    assertThat(loop.history())
        .extracting(ReconcileSummary::outcome)
        .containsExactly(Outcome.FAILED, Outcome.RENDERED, Outcome.RENDERED, Outcome.RENDERED);
    assertThat(loop.history().get(0).message()).isEqualTo("git fetch failed: connection refused");
    assertThat(loop.charts())
        .as("the charts of the last render stay for the status page")
        .hasSize(rendered.desired().releases().size())
        .containsEntry("redis", "stateful-service-0.2.0");
  }

  @Test
  void requestsDuringAReconcileCostOneReconcileAfterItWithTheStrongestTrigger() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try {
      ReconcileLoop loop = loop(executor);
      source.gate = new CountDownLatch(1);
      loop.request(Trigger.of(Trigger.Cause.WEBHOOK));
      await().atMost(Duration.ofSeconds(10)).until(() -> source.fetches.get() == 1);

      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> requests = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Trigger.Cause cause =
            i == 7
                ? Trigger.Cause.SECRET_ROTATION
                : List.of(Trigger.Cause.WEBHOOK, Trigger.Cause.DRIFT, Trigger.Cause.POLL)
                    .get(i % 3);
        requests.add(
            callers.submit(
                () -> {
                  start.await();
                  return loop.request(Trigger.of(cause));
                }));
      }
      start.countDown();
      for (Future<Boolean> request : requests) {
        assertThat(request.get(10, TimeUnit.SECONDS)).isTrue();
      }
      source.gate.countDown();

      await().atMost(Duration.ofSeconds(30)).until(() -> loop.history().size() == 2);
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .until(() -> source.fetches.get() == 2 && loop.history().size() == 2);
      assertThat(loop.history())
          .extracting(summary -> summary.trigger().cause())
          .as("the follow-up keeps the strongest cause: a rotation retries a stalled revision")
          .containsExactly(Trigger.Cause.SECRET_ROTATION, Trigger.Cause.WEBHOOK);
    } finally {
      callers.shutdownNow();
      executor.shutdown();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPollDuringAReconcileWaitsForItAsOneMoreReconcile() {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      ReconcileLoop loop = loop(executor);
      source.gate = new CountDownLatch(1);
      loop.request(Trigger.of(Trigger.Cause.DRIFT));
      await().atMost(Duration.ofSeconds(10)).until(() -> source.fetches.get() == 1);

      for (int i = 0; i < 5; i++) {
        loop.tick();
      }
      source.gate.countDown();

      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(30))
          .until(() -> source.fetches.get() == 2 && loop.history().size() == 2);
      assertThat(loop.history())
          .extracting(summary -> summary.trigger().cause())
          .containsExactly(Trigger.Cause.POLL, Trigger.Cause.DRIFT);
    } finally {
      executor.shutdownNow();
    }
  }
}
