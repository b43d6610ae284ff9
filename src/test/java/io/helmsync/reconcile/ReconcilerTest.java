package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.Reason;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {
  @TempDir Path repo;
  private final AtomicReference<String> revision = new AtomicReference<>("r1");
  private final List<String> synced = new ArrayList<>();

  /** A source whose revision the test moves by hand. */
  private final Source source =
      last ->
          new SourceSnapshot(
              "file://repo", "main", revision.get(), repo, revision.get().equals(last));

  private final ClusterSync cluster =
      desired -> {
        synced.add(desired.revision());
        return ChangeSet.empty();
      };

  @BeforeEach
  void writeRepo() {
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml", "releases:\n- name: app\n  chart: ./m\n",
            "m/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"));
  }

  private Reconciler reconciler(Optional<ClusterSync> target) {
    return new Reconciler(
        source,
        new HelmfileLoader(StateOptions.of("helmfile.yaml", "demo", Map.of())),
        new ReleasePlanner("demo"),
        new ManifestDirectoryRenderer(),
        target,
        "default");
  }

  private static Trigger poll() {
    return Trigger.of(Trigger.Cause.POLL);
  }

  @Test
  void syncsAndCountsObjectsPerRelease() {
    ReconcileResult result = reconciler(Optional.of(cluster)).reconcile(poll(), null);
    assertThat(result.outcome()).isEqualTo(Outcome.SYNCED);
    assertThat(result.objectsPerRelease()).containsExactly(Map.entry("app", 1));
    assertThat(synced).containsExactly("r1");
  }

  @Test
  void aStalledRevisionIsNotRetriedUntilANewCommit() {
    RepoFiles.write(repo, Map.of("m/cm.yaml", "kind: [broken\n"));
    Reconciler reconciler = reconciler(Optional.of(cluster));

    ReconcileResult failed = reconciler.reconcile(poll(), null);
    ReconcileResult again = reconciler.reconcile(poll(), failed);

    assertThat(failed.failureReason()).contains(Reason.STALLED);
    assertThat(failed.error().getMessage()).startsWith("m/cm.yaml:1: invalid YAML");
    assertThat(again.outcome()).isEqualTo(Outcome.SKIPPED);

    writeRepo();
    revision.set("r2");
    assertThat(reconciler.reconcile(poll(), failed).outcome()).isEqualTo(Outcome.SYNCED);
    assertThat(synced).containsExactly("r2");
  }

  @Test
  void aStalledRevisionIsTriedAgainAfterFiveMinutesInCaseTheFixWasOutsideGit() {
    RepoFiles.write(repo, Map.of("m/cm.yaml", "kind: [broken\n"));
    Reconciler reconciler = reconciler(Optional.of(cluster));
    Instant stalledAt = Instant.now();
    ReconcileResult failed = reconciler.reconcile(new Trigger(Trigger.Cause.POLL, stalledAt), null);

    Instant justBefore =
        stalledAt.plus(failed.duration()).plus(Reconciler.STALLED_RETRY).minusSeconds(1);
    assertThat(reconciler.reconcile(new Trigger(Trigger.Cause.POLL, justBefore), failed).outcome())
        .isEqualTo(Outcome.SKIPPED);

    writeRepo();
    Instant due = justBefore.plusSeconds(1);
    assertThat(reconciler.reconcile(new Trigger(Trigger.Cause.POLL, due), failed).outcome())
        .as("same revision, but what it needed may have changed outside Git")
        .isEqualTo(Outcome.SYNCED);
  }

  @Test
  void anUnexpectedErrorIsTransientSoItIsRetried() {
    ClusterSync broken =
        desired -> {
          throw new IllegalStateException("boom");
        };
    ReconcileResult result = reconciler(Optional.of(broken)).reconcile(poll(), null);
    assertThat(result.failureReason()).contains(Reason.TRANSIENT);
    assertThat(result.error().getMessage()).isEqualTo("unexpected error: boom");
  }

  @Test
  void anUnexpectedErrorWithoutAMessageNamesItsClassWhereAndCauseButNoValue() {
    ClusterSync bare =
        desired -> {
          throw new NullPointerException();
        };
    ClusterSync wrapped =
        desired -> {
          throw new IllegalStateException(
              null, new NumberFormatException("For input: \"hunter2\""));
        };

    String bareMessage = reconciler(Optional.of(bare)).reconcile(poll(), null).error().getMessage();
    String wrappedMessage =
        reconciler(Optional.of(wrapped)).reconcile(poll(), null).error().getMessage();

    assertThat(bareMessage)
        .startsWith("unexpected error: NullPointerException at ")
        .contains(" at io.helmsync.reconcile.ReconcilerTest")
        .doesNotContain("null");
    assertThat(wrappedMessage)
        .startsWith("unexpected error: IllegalStateException at ")
        .contains(" at io.helmsync.reconcile.ReconcilerTest")
        .contains(", caused by NumberFormatException at ")
        .doesNotContain("hunter2");
  }

  @Test
  void withoutAClusterItOnlyRenders() {
    ReconcileResult result = reconciler(Optional.empty()).reconcile(poll(), null);
    assertThat(result.outcome()).isEqualTo(Outcome.RENDERED);
    assertThat(result.desired().objects())
        .extracting(m -> m.ref().toString())
        .containsExactly("ConfigMap/demo/cfg");
    assertThat(synced).isEmpty();
  }

  @Test
  void anObjectDeclaredTwiceNamesBothPlaces() {
    RepoFiles.write(
        repo,
        Map.of("helmfile.yaml", "releases:\n- name: a\n  chart: ./m\n- name: b\n  chart: ./m\n"));
    ReconcileResult result = reconciler(Optional.of(cluster)).reconcile(poll(), null);
    assertThat(result.error().getMessage())
        .isEqualTo(
            "ConfigMap/demo/cfg: declared twice, in release a (m/cm.yaml:1) and in release b (m/cm.yaml:1); keep one of them");
    assertThat(synced).isEmpty();
  }
}
