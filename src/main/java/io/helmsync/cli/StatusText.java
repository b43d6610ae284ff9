package io.helmsync.cli;

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
  private final StringBuilder text = new StringBuilder();

  private StatusText() {}

  static String of(Map<String, Object> status) {
    StatusText out = new StatusText();
    out.fact("environment", status.get("environment") + " (namespace " + status.get("namespace") + ")");
    out.fact("source", status.get("source") + (status.get("ref") == null ? "" : " @ " + status.get("ref"))
        + (Boolean.TRUE.equals(status.get("dryRun")) ? " (dry-run)" : ""));
    out.fact("state", status.get("state"));
    out.fact("revision", status.get("revision"));
    if (status.get("commit") instanceof Map<?, ?> commit) {
      out.fact("commit", "\"" + commit.get("message") + "\" by " + commit.get("author") + ", " + commit.get("time"));
    }
    if (status.get("finishedAt") != null) {
      out.fact("last reconcile", status.get("finishedAt") + " (" + status.get("trigger") + ", "
          + status.get("durationMillis") + " ms)");
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

  private void releases(List<Map<String, Object>> releases) {
    if (releases.isEmpty()) {
      return;
    }
    text.append(String.format("%n%-28s %7s  %s%n", "RELEASE", "OBJECTS", "REVISION"));
    releases.forEach(release -> text.append(String.format("%-28s %7s  %s%n", release.get("name"),
        release.get("objects"), Objects.toString(release.get("revision"), "")).stripTrailing()).append('\n'));
  }

  private void recent(List<Map<String, Object>> recent) {
    if (recent.isEmpty()) {
      return;
    }
    text.append(String.format("%nRECENT%n"));
    recent.forEach(entry -> text.append("  ").append(entry.values().stream()
        .filter(Objects::nonNull).map(String::valueOf).collect(Collectors.joining("  "))).append('\n'));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }
}
