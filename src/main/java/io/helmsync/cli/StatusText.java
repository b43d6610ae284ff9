package io.helmsync.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code helmsync status} for people: a few lines of facts, a table of releases, then the recent
 * history. It prints whichever fields the status has, so the agent's API and the inventory in the
 * cluster (which knows less) print the same way.
 */
final class StatusText {
  /** Field of a release in the status, and its column heading, in the order shown. */
  private static final Map<String, String> RELEASE_COLUMNS = orderedColumns();

  private final StringBuilder text = new StringBuilder();

  private StatusText() {}

  static String of(Map<String, Object> status) {
    StatusText out = new StatusText();
    out.fact(
        "environment", status.get("environment") + " (namespace " + status.get("namespace") + ")");
    out.fact(
        "source",
        status.get("source")
            + (status.get("ref") == null ? "" : " @ " + status.get("ref"))
            + (Boolean.TRUE.equals(status.get("dryRun")) ? " (dry-run)" : ""));
    out.fact("state", status.get("state"));
    out.fact("revision", status.get("revision"));
    if (status.get("commit") instanceof Map<?, ?> commit) {
      out.fact(
          "commit",
          "\""
              + commit.get("message")
              + "\" by "
              + commit.get("author")
              + ", "
              + commit.get("time"));
    }
    if (status.get("finishedAt") != null) {
      out.fact(
          "last reconcile",
          status.get("finishedAt")
              + " ("
              + status.get("trigger")
              + ", "
              + status.get("durationMillis")
              + " ms)");
    }
    if (status.get("error") != null) {
      out.fact("error", "(" + status.get("errorReason") + ") " + status.get("error"));
    }
    out.releases(list(status.get("releases")));
    out.recent(list(status.get("recent")));
    return out.text.toString();
  }

  private void fact(String name, Object value) {
    if (value != null && !"null".equals(String.valueOf(value))) {
      text.append(String.format("%-15s %s%n", name, value));
    }
  }

  /**
   * The releases as a table of the columns that any release has a value for: the agent's API knows
   * chart, drift and health, the inventory knows the revision.
   */
  private void releases(List<Map<String, Object>> releases) {
    if (releases.isEmpty()) {
      return;
    }
    List<String> fields =
        RELEASE_COLUMNS.keySet().stream()
            .filter(field -> releases.stream().anyMatch(release -> !cell(release, field).isEmpty()))
            .toList();
    List<Integer> widths =
        fields.stream()
            .map(
                field ->
                    Math.max(
                        RELEASE_COLUMNS.get(field).length(),
                        releases.stream()
                            .mapToInt(release -> cell(release, field).length())
                            .max()
                            .orElse(0)))
            .toList();
    text.append('\n');
    row(fields.stream().map(RELEASE_COLUMNS::get).toList(), widths);
    releases.forEach(
        release -> row(fields.stream().map(field -> cell(release, field)).toList(), widths));
  }

  private void row(List<String> cells, List<Integer> widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(String.format("%-" + widths.get(i) + "s  ", cells.get(i)));
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String cell(Map<String, Object> release, String field) {
    return Objects.toString(release.get(field), "");
  }

  private void recent(List<Map<String, Object>> recent) {
    if (recent.isEmpty()) {
      return;
    }
    text.append(String.format("%nRECENT%n"));
    recent.forEach(
        entry ->
            text.append("  ")
                .append(
                    entry.values().stream()
                        .filter(Objects::nonNull)
                        .map(String::valueOf)
                        .collect(Collectors.joining("  ")))
                .append('\n'));
  }

  private static Map<String, String> orderedColumns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("name", "RELEASE");
    columns.put("chart", "CHART");
    columns.put("objects", "OBJECTS");
    columns.put("drifted", "DRIFTED");
    columns.put("health", "HEALTH");
    columns.put("revision", "REVISION");
    return columns;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }
}
