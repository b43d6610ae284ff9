package io.helmsync.web;

import io.helmsync.config.AgentSettings;
import io.helmsync.health.Health;
import io.helmsync.health.HealthStatus;
import io.helmsync.model.Action;
import io.helmsync.reconcile.ReconcileResult;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.reconcile.ReconcileSummary;
import io.helmsync.reconcile.ServerSideSync;
import io.helmsync.source.CommitInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      return new Commit(
          info.sha(),
          info.sha().substring(0, Math.min(12, info.sha().length())),
          info.message(),
          info.author(),
          info.time());
    }
  }

  /**
   * One release, its chart, how many objects it manages, how many of them drifted, and how healthy
   * they are.
   *
   * @param chart the chart's {@code name-version} as last rendered; empty for plain manifests or
   *     before the first render
   * @param drifted objects another manager changed that are not (yet) put back; {@code null} when
   *     drift is not watched (no cluster, or before the first sync)
   * @param health healthy, suspended, progressing, degraded or unknown; {@code null} when not
   *     assessed (dry-run, or before the first sync)
   * @param healthMessage the least healthy object and why, when not healthy
   */
  public record Release(
      String name,
      String chart,
      int objects,
      Integer drifted,
      String health,
      String healthMessage) {
    static Release of(String name, String chart, int objects, Integer drifted, Health health) {
      if (health == null) {
        return new Release(name, chart, objects, drifted, null, null);
      }
      String status = health.status().name().toLowerCase(Locale.ROOT);
      return new Release(
          name,
          chart,
          objects,
          drifted,
          status,
          health.message().isEmpty() ? null : health.message());
    }
  }

  /** One past reconcile, in a line. */
  public record Event(
      Instant time, String trigger, String state, String revision, String summary) {}

  /**
   * @param last the newest reconcile that was not skipped, in full
   * @param history summaries of the recent ones, newest first
   * @param charts each release's chart as last rendered (a failed reconcile renders none)
   */
  static StatusView of(
      Optional<AgentSettings> settings,
      Optional<ReconcileResult> last,
      List<ReconcileSummary> history,
      Map<String, String> charts,
      Map<String, Health> health,
      Map<String, Integer> drifted) {
    String environment = settings.map(AgentSettings::environment).orElse("");
    String namespace = settings.map(AgentSettings::namespace).orElse("");
    String source = settings.map(AgentSettings::sourceDescription).orElse("");
    String ref = settings.map(AgentSettings::gitRef).orElse("");
    boolean dryRun = settings.map(AgentSettings::dryRun).orElse(false);
    List<Event> recent = history.stream().map(StatusView::event).toList();
    if (last.isEmpty()) {
      return new StatusView(
          environment,
          namespace,
          source,
          ref,
          dryRun,
          "starting",
          null,
          null,
          null,
          null,
          0,
          List.of(),
          null,
          null,
          recent);
    }
    ReconcileResult newest = last.get();
    return new StatusView(
        environment,
        namespace,
        source,
        ref,
        dryRun,
        state(newest, health.values()),
        newest.revision(),
        newest.commit().map(Commit::of).orElse(null),
        newest.trigger().cause().label(),
        newest.trigger().at().plus(newest.duration()),
        newest.duration().toMillis(),
        newest.objectsPerRelease().entrySet().stream()
            .map(
                e ->
                    Release.of(
                        e.getKey(),
                        charts.getOrDefault(e.getKey(), ""),
                        e.getValue(),
                        drifted.isEmpty() ? null : drifted.getOrDefault(e.getKey(), 0),
                        health.get(e.getKey())))
            .toList(),
        newest.error() == null ? null : newest.error().getMessage(),
        newest.failureReason().map(reason -> reason.name().toLowerCase(Locale.ROOT)).orElse(null),
        recent);
  }

  /** The agent's state after {@code last}, given its releases' health. */
  private static String state(ReconcileResult last, Collection<Health> health) {
    String outcome = state(last);
    if (!outcome.equals("synced")) {
      return outcome;
    }
    if (last.changes().entries().stream()
        .anyMatch(
            entry ->
                entry.action() == Action.SKIPPED
                    && entry.message().startsWith(ServerSideSync.SUSPENDED_BY))) {
      return "suspended";
    }
    if (health.stream().anyMatch(h -> h.status() == HealthStatus.DEGRADED)) {
      return "degraded";
    }
    return health.stream().anyMatch(h -> h.status() == HealthStatus.PROGRESSING)
        ? "progressing"
        : "synced";
  }

  /** A reconcile's own state, as the history lists it. */
  private static String state(ReconcileResult result) {
    return state(result.outcome());
  }

  private static String state(Outcome outcome) {
    return switch (outcome) {
      case SYNCED -> "synced";
      case RENDERED -> "rendered";
      case FAILED, SKIPPED -> "failing";
    };
  }

  private static Event event(ReconcileSummary result) {
    return new Event(
        result.finishedAt(),
        result.trigger().cause().label(),
        state(result.outcome()),
        result.revision(),
        summary(result));
  }

  private static String summary(ReconcileSummary result) {
    if (result.outcome() == Outcome.FAILED) {
      return result.message();
    }
    if (result.outcome() == Outcome.RENDERED) {
      return "would apply " + result.objects() + " objects";
    }
    return result.changes().entrySet().stream()
        .map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
