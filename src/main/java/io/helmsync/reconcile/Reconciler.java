package io.helmsync.reconcile;

import io.helmsync.apply.DesiredStateCheck;
import io.helmsync.apply.KindScopes;
import io.helmsync.apply.ScopePolicy;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.Plan;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateLoader;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ChartRenderer;
import io.helmsync.render.RenderedRelease;
import io.helmsync.source.CommitInfo;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One reconcile as a straight line: fetch, load, plan, render, label, check, then (unless only
 * rendering) apply and prune. Every stage either returns its value or throws one {@link
 * ReconcileException}; nothing reaches the cluster from a state that did not fully load, render and
 * pass the check.
 */
public final class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class);

  /** How long a revision that stalled waits before it is tried again without a new commit. */
  static final Duration STALLED_RETRY = Duration.ofMinutes(5);

  private final Source source;
  private final StateLoader loader;
  private final ReleasePlanner planner;
  private final ChartRenderer renderer;
  private final Optional<ClusterSync> cluster;
  private final String environment;
  private final DesiredStateCheck check;

  /**
   * @param cluster where to apply; empty to render only (no cluster, or dry-run)
   * @param check what every desired state must pass before the cluster side sees it
   */
  public Reconciler(
      Source source,
      StateLoader loader,
      ReleasePlanner planner,
      ChartRenderer renderer,
      Optional<ClusterSync> cluster,
      String environment,
      DesiredStateCheck check) {
    this.source = source;
    this.loader = loader;
    this.planner = planner;
    this.renderer = renderer;
    this.cluster = cluster;
    this.environment = environment;
    this.check = check;
  }

  /**
   * A reconciler whose states must follow Kubernetes' rules but may go to any namespace and hold
   * cluster-scoped objects ({@link ScopePolicy#UNRESTRICTED}).
   */
  public Reconciler(
      Source source,
      StateLoader loader,
      ReleasePlanner planner,
      ChartRenderer renderer,
      Optional<ClusterSync> cluster,
      String environment) {
    this(
        source,
        loader,
        planner,
        renderer,
        cluster,
        environment,
        ScopePolicy.UNRESTRICTED.check("", KindScopes.OFFLINE));
  }

  /**
   * Runs one reconcile. Never throws: failures are in the result.
   *
   * @param previous the last result, or {@code null}; a revision that stalled is skipped until a
   *     secret rotates or {@link #STALLED_RETRY} passes
   */
  public ReconcileResult reconcile(Trigger trigger, ReconcileResult previous) {
    Attempt attempt = new Attempt(trigger, previous);
    MDC.put(LogFields.ENVIRONMENT, environment);
    try {
      MDC.put(LogFields.STAGE, "fetch");
      SourceSnapshot snapshot = source.fetch(attempt.revision);
      attempt.fetched(snapshot);
      MDC.put(LogFields.REVISION, snapshot.revision());
      if (previous != null
          && previous.stalledOn(snapshot.revision())
          && !worthRetrying(previous, trigger)) {
        return attempt.result(Outcome.SKIPPED, null, null, previous.objectsPerRelease(), null);
      }
      DesiredState desired = desiredState(snapshot);
      if (cluster.isEmpty()) {
        return attempt.result(Outcome.RENDERED, null, desired, countPerRelease(desired), null);
      }
      MDC.put(LogFields.STAGE, "apply");
      ChangeSet changes = cluster.get().sync(desired);
      return attempt.result(Outcome.SYNCED, changes, desired, countPerRelease(desired), null);
    } catch (ReconcileException e) {
      return attempt.failed(e);
    } catch (RuntimeException e) {
      LOG.errorf(e, "unexpected error during reconcile");
      return attempt.failed(
          new ReconcileException(Reason.TRANSIENT, "unexpected error: " + describe(e), e));
    } finally {
      LogFields.clear();
    }
  }

  /**
   * The exception's message; for one without (a bare {@code NullPointerException}), its class and
   * where it was thrown in helmsync's code, and its cause's, so the status says more than "null".
   * Neither carries a value that might be a secret.
   */
  static String describe(Throwable e) {
    if (e.getMessage() != null) {
      return e.getMessage();
    }
    String described = e.getClass().getSimpleName() + where(e);
    return e.getCause() == null
        ? described
        : described
            + ", caused by "
            + e.getCause().getClass().getSimpleName()
            + where(e.getCause());
  }

  /** {@code " at"} the first frame in helmsync's code (else the first frame), or nothing. */
  private static String where(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    return Arrays.stream(frames)
        .filter(frame -> frame.getClassName().startsWith("io.helmsync."))
        .findFirst()
        .or(() -> Arrays.stream(frames).findFirst())
        .map(frame -> " at " + frame)
        .orElse("");
  }

  /**
   * Whether a revision that stalled is tried again although Git did not change: a rotated or newly
   * created secret is new input, and so, after {@link #STALLED_RETRY}, may be what the fix needed
   * outside Git (a permission granted, a chart version published); until then polls skip it rather
   * than fail the same way every few seconds.
   */
  private static boolean worthRetrying(ReconcileResult stalled, Trigger trigger) {
    Instant stalledAt = stalled.trigger().at().plus(stalled.duration());
    return trigger.cause() == Trigger.Cause.SECRET_ROTATION
        || !trigger.at().isBefore(stalledAt.plus(STALLED_RETRY));
  }

  /** What one reconcile knows so far, to build its result from whichever stage it ends in. */
  private static final class Attempt {
    private final Trigger trigger;
    private final ReconcileResult previous;
    private final long started = System.nanoTime();
    private String revision;
    private Optional<CommitInfo> commit = Optional.empty();

    Attempt(Trigger trigger, ReconcileResult previous) {
      this.trigger = trigger;
      this.previous = previous;
      this.revision = previous == null ? null : previous.revision();
    }

    void fetched(SourceSnapshot snapshot) {
      revision = snapshot.revision();
      commit = snapshot.commit();
    }

    ReconcileResult failed(ReconcileException error) {
      Map<String, Integer> kept = previous == null ? Map.of() : previous.objectsPerRelease();
      return result(Outcome.FAILED, null, null, kept, error);
    }

    ReconcileResult result(
        Outcome outcome,
        ChangeSet changes,
        DesiredState desired,
        Map<String, Integer> objects,
        ReconcileException error) {
      Duration duration = Duration.ofNanos(System.nanoTime() - started);
      return new ReconcileResult(
          trigger, revision, commit, outcome, changes, desired, objects, duration, error);
    }
  }

  /**
   * Loads, plans and renders a snapshot into labelled objects and checks them all, writing to no
   * cluster: a state that fails the check never reaches the cluster side, in part or in whole.
   */
  public DesiredState desiredState(SourceSnapshot snapshot) {
    MDC.put(LogFields.STAGE, "load");
    HelmfileState state = loader.load(snapshot, environment);
    try {
      Plan plan = planner.plan(state);
      MDC.put(LogFields.STAGE, "render");
      List<RenderedRelease> rendered =
          plan.releases().stream()
              .map(release -> renderer.render(release, snapshot.dir()))
              .toList();
      DesiredState desired =
          DesiredStates.of(environment, snapshot.revision(), plan.releases(), rendered)
              .withSecretValues(state.secretValues());
      MDC.put(LogFields.STAGE, "check");
      check.verify(desired);
      return desired;
    } catch (ReconcileException e) {
      throw state.withoutSecrets(e);
    }
  }

  /** Fetches the current revision and renders it. */
  public DesiredState render() {
    try {
      return desiredState(source.fetch(null));
    } finally {
      LogFields.clear();
    }
  }

  private static Map<String, Integer> countPerRelease(DesiredState desired) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    desired.releases().forEach(release -> counts.put(release.name(), release.objects().size()));
    return counts;
  }
}
