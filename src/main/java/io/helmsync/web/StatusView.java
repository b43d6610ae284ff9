package io.helmsync.web;

import io.helmsync.config.AgentSettings;
import io.helmsync.health.Health;
import io.helmsync.health.HealthStatus;
import io.helmsync.model.Action;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.reconcile.ReconcileResult;
import io.helmsync.reconcile.ServerSideSync;
import io.helmsync.source.CommitInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the status page and {@code GET /api/status} show: the agent's settings, the last reconcile
 * and the recent ones. Built only from settings and results, whose messages never hold secret
 * values, so it can be shown as it is.
 *
 * @param state {@code starting}; {@code failing} when the last reconcile failed; {@code rendered}
 *     in a dry run; {@code suspended} when applying is held; otherwise, from the releases' health,
 *     {@code degraded} or {@code progressing}, and {@code synced} when all is well
 */
public record StatusView(
    String environment,
    String namespace,
    String source,
    String ref,
    boolean dryRun,
    String state,
    String revision,
    Commit commit,
    String trigger,
    Instant finishedAt,
    long durationMillis,
    List<Release> releases,
    String error,
    String errorReason,
    List<Event> recent) {

  /** The commit the last reconcile worked on. */
  public record Commit(String sha, String shortSha, String message, String author, Instant time) {
    static Commit of(CommitInfo info) {
      return new Commit(info.sha(), info.sha().substring(0, Math.min(12, info.sha().length())), info.message(), info.author(), info.time());
    }
  }

  /**
   * One release, its chart, how many objects it manages, how many of them drifted, and how healthy
   * they are.
   *
   * @param chart the chart's {@code name-version} as last rendered; empty for plain manifests or
   *     before the first render
   * @param drifted objects another manager changed that are not (yet) put back; {@code null}
   *     when drift is not watched (no cluster, or before the first sync)
   * @param health healthy, suspended, progressing, degraded or unknown; {@code null} when not
   *     assessed (dry-run, or before the first sync)
   * @param healthMessage the least healthy object and why, when not healthy
   */
  public record Release(String name, String chart, int objects, Integer drifted, String health,
      String healthMessage) {
    static Release of(String name, String chart, int objects, Integer drifted, Health health) {
      if (health == null) {
        return new Release(name, chart, objects, drifted, null, null);
      }
      String status = health.status().name().toLowerCase(Locale.ROOT);
      return new Release(name, chart, objects, drifted, status,
          health.message().isEmpty() ? null : health.message());
    }
  }

  /** One past reconcile, in a line. */
  public record Event(Instant time, String trigger, String state, String revision, String summary) {}

  static StatusView of(Optional<AgentSettings> settings, List<ReconcileResult> history,
      Map<String, Health> health, Map<String, Integer> drifted) {
    String environment = settings.map(AgentSettings::environment).orElse("");
    String namespace = settings.map(AgentSettings::namespace).orElse("");
    String source = settings.map(AgentSettings::sourceDescription).orElse("");
    String ref = settings.map(AgentSettings::gitRef).orElse("");
    boolean dryRun = settings.map(AgentSettings::dryRun).orElse(false);
    List<Event> recent = history.stream().map(StatusView::event).toList();
    if (history.isEmpty()) {
      return new StatusView(environment, namespace, source, ref, dryRun, "starting", null, null, null, null, 0, List.of(), null, null, recent);
    }
    ReconcileResult last = history.get(0);
    Map<String, String> charts = chartsLastRendered(history);
    return new StatusView(
        environment, namespace, source, ref, dryRun,
        state(last, health.values()),
        last.revision(),
        last.commit().map(Commit::of).orElse(null),
        last.trigger().cause().label(),
        finishedAt(last),
        last.duration().toMillis(),
        last.objectsPerRelease().entrySet().stream()
            .map(e -> Release.of(e.getKey(), charts.getOrDefault(e.getKey(), ""), e.getValue(),
                drifted.isEmpty() ? null : drifted.getOrDefault(e.getKey(), 0),
                health.get(e.getKey())))
            .toList(),
        last.error() == null ? null : last.error().getMessage(),
        last.failureReason().map(reason -> reason.name().toLowerCase(Locale.ROOT)).orElse(null),
        recent);
  }

  /** The agent's state after {@code last}, given its releases' health. */
  private static String state(ReconcileResult last, Collection<Health> health) {
    String outcome = state(last);
    if (!outcome.equals("synced")) {
      return outcome;
    }
    if (last.changes().entries().stream().anyMatch(entry -> entry.action() == Action.SKIPPED
        && entry.message().startsWith(ServerSideSync.SUSPENDED_BY))) {
      return "suspended";
    }
    if (health.stream().anyMatch(h -> h.status() == HealthStatus.DEGRADED)) {
      return "degraded";
    }
    return health.stream().anyMatch(h -> h.status() == HealthStatus.PROGRESSING)
        ? "progressing" : "synced";
  }

  /** A reconcile's own state, as the history lists it. */
  private static String state(ReconcileResult result) {
    return switch (result.outcome()) {
      case SYNCED -> "synced";
      case RENDERED -> "rendered";
      case FAILED, SKIPPED -> "failing";
    };
  }

  /** Each release's chart from the newest reconcile that rendered (a failed one renders none). */
  private static Map<String, String> chartsLastRendered(List<ReconcileResult> history) {
    return history.stream().map(ReconcileResult::desired).filter(Objects::nonNull).findFirst()
        .map(desired -> desired.releases().stream().collect(Collectors.toMap(
            DesiredRelease::name, DesiredRelease::chart, (first, second) -> first)))
        .orElse(Map.of());
  }

  private static Instant finishedAt(ReconcileResult result) {
    return result.trigger().at().plus(result.duration());
  }

  private static Event event(ReconcileResult result) {
    return new Event(finishedAt(result), result.trigger().cause().label(), state(result), result.revision(), summary(result));
  }

  private static String summary(ReconcileResult result) {
    if (result.outcome() == Outcome.FAILED) {
      return result.error().getMessage().lines().findFirst().orElse("");
    }
    if (result.outcome() == Outcome.RENDERED) {
      return "would apply " + result.objectsPerRelease().values().stream().mapToInt(Integer::intValue).sum() + " objects";
    }
    return result.changes().countByAction().entrySet().stream()
        .map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
