package io.helmsync.inventory;

import io.helmsync.model.DesiredState;
import io.helmsync.model.ObjectRef;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What helmsync manages: per release, the objects sorted by id and the revision in which that set
 * of objects last changed (a commit that only changes values leaves the inventory as it was, so it
 * is not rewritten), and the release's {@link ReleaseHistory}.
 */
public record Inventory(Map<String, ReleaseEntry> releases) {

  public Inventory {
    releases = Collections.unmodifiableMap(new LinkedHashMap<>(releases));
  }

  /** One release's part of the inventory. */
  public record ReleaseEntry(
      String revision, SortedSet<ObjectRef> objects, ReleaseHistory history) {
    public ReleaseEntry {
      objects = Collections.unmodifiableSortedSet(new TreeSet<>(objects));
      history = history == null ? ReleaseHistory.NONE : history;
    }

    /** An entry without install history. */
    public ReleaseEntry(String revision, SortedSet<ObjectRef> objects) {
      this(revision, objects, ReleaseHistory.NONE);
    }

    ReleaseEntry withHistory(ReleaseHistory next) {
      return new ReleaseEntry(revision, objects, next);
    }
  }

  public static Inventory empty() {
    return new Inventory(Map.of());
  }

  /** The inventory a fully applied desired state leaves behind. */
  public static Inventory of(DesiredState desired) {
    Map<String, ReleaseEntry> releases = new LinkedHashMap<>();
    desired
        .releases()
        .forEach(
            release ->
                releases.put(
                    release.name(),
                    new ReleaseEntry(
                        desired.revision(),
                        release.objects().stream()
                            .map(o -> o.ref())
                            .collect(Collectors.toCollection(TreeSet::new)))));
    return new Inventory(releases);
  }

  /**
   * This inventory, with the revision of {@code previous} kept for each release whose objects did
   * not change, the history of {@code previous} carried over, and releases new to it marked as
   * {@link ReleaseHistory#FIRST_INSTALL}.
   */
  public Inventory keepingRevisionsOf(Inventory previous) {
    Map<String, ReleaseEntry> merged = new LinkedHashMap<>();
    releases.forEach(
        (release, entry) -> {
          ReleaseEntry before = previous.releases().get(release);
          boolean sameObjects = before != null && before.objects().equals(entry.objects());
          ReleaseHistory history = before == null ? ReleaseHistory.FIRST_INSTALL : before.history();
          merged.put(release, sameObjects ? before : entry.withHistory(history));
        });
    return new Inventory(merged);
  }

  /** The recorded history of {@code release}, {@link ReleaseHistory#NONE} if it has none. */
  public ReleaseHistory history(String release) {
    ReleaseEntry entry = releases.get(release);
    return entry == null ? ReleaseHistory.NONE : entry.history();
  }

  /** This inventory with the histories of the given releases replaced (those listed here). */
  public Inventory withHistories(Map<String, ReleaseHistory> histories) {
    Map<String, ReleaseEntry> merged = new LinkedHashMap<>(releases);
    histories.forEach(
        (release, history) ->
            merged.computeIfPresent(release, (name, entry) -> entry.withHistory(history)));
    return new Inventory(merged);
  }

  /**
   * This inventory grown by every object that {@code attempted} lists, so that objects an
   * interrupted sync may have created are known (and pruned) later; nothing is removed, and a
   * release whose objects were all known already keeps its entry as it was.
   */
  public Inventory growingBy(Inventory attempted) {
    Map<String, ReleaseEntry> merged = new LinkedHashMap<>(releases);
    attempted
        .releases()
        .forEach(
            (release, entry) -> {
              ReleaseEntry before = merged.get(release);
              if (before == null) {
                merged.put(release, entry);
              } else if (!before.objects().containsAll(entry.objects())) {
                SortedSet<ObjectRef> objects = new TreeSet<>(before.objects());
                objects.addAll(entry.objects());
                merged.put(release, new ReleaseEntry(entry.revision(), objects, before.history()));
              }
            });
    return new Inventory(merged);
  }

  /** Every object in the inventory. */
  public Set<ObjectRef> objects() {
    return releases.values().stream()
        .flatMap(entry -> entry.objects().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Objects listed here but not in {@code current}: what a prune should remove, sorted by id. */
  public List<ObjectRef> staleAgainst(Inventory current) {
    Set<String> kept = current.objects().stream().map(ObjectRef::id).collect(Collectors.toSet());
    return objects().stream().filter(ref -> !kept.contains(ref.id())).toList();
  }

  /**
   * This inventory with {@code kept} added back under the release that listed them in {@code
   * previous}, so objects that could not be pruned are tried again next time.
   */
  public Inventory plus(Inventory previous, Collection<ObjectRef> kept) {
    Map<String, ReleaseEntry> merged = new LinkedHashMap<>(releases);
    previous
        .releases()
        .forEach(
            (release, entry) -> {
              SortedSet<ObjectRef> carried = new TreeSet<>(entry.objects());
              carried.retainAll(kept);
              if (carried.isEmpty()) {
                return;
              }
              ReleaseEntry existing = merged.get(release);
              SortedSet<ObjectRef> objects = new TreeSet<>(carried);
              if (existing != null) {
                objects.addAll(existing.objects());
              }
              merged.put(
                  release,
                  existing != null
                      ? new ReleaseEntry(existing.revision(), objects, existing.history())
                      : new ReleaseEntry(entry.revision(), objects, entry.history()));
            });
    return new Inventory(merged);
  }
}
