package io.helmsync.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an apply or prune did, one entry per object, in the order it was done. */
public record ChangeSet(List<Entry> entries) {
  public ChangeSet {
    entries = List.copyOf(entries);
  }

  public static ChangeSet empty() {
    return new ChangeSet(List.of());
  }

  /** This change set followed by {@code other}. */
  public ChangeSet plus(ChangeSet other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new ChangeSet(all);
  }

  /** How many objects got each action; actions that did not happen are absent. */
  public Map<Action, Long> countByAction() {
    Map<Action, Long> counts = new EnumMap<>(Action.class);
    entries.forEach(entry -> counts.merge(entry.action(), 1L, Long::sum));
    return counts;
  }

  /** The entries that wrote to the cluster (created, configured or deleted). */
  public List<Entry> writes() {
    return entries.stream()
        .filter(e -> e.action() != Action.UNCHANGED && e.action() != Action.SKIPPED)
        .toList();
  }

  /**
   * One object's outcome.
   *
   * @param release the helmfile release the object belongs to
   * @param message why, for {@link Action#SKIPPED} (e.g. "prune disabled by annotation"); else
   *     empty
   */
  public record Entry(ObjectRef ref, String release, Action action, String message) {
    public Entry {
      message = message == null ? "" : message;
    }

    @Override
    public String toString() {
      return ref + " " + action.label() + (message.isEmpty() ? "" : " (" + message + ")");
    }
  }
}
