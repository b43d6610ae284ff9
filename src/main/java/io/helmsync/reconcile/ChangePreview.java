package io.helmsync.reconcile;

import io.helmsync.apply.DriftPolicy;
import io.helmsync.apply.LiveComparison;
import io.helmsync.cluster.ManagedObjectCache;
import io.helmsync.inventory.Inventory;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.model.Action;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a sync would do, from the informer cache, without writing: the agent's answer in dry-run and
 * while suspended. Each object is unchanged, or skipped with "would create/configure" and the
 * differing field paths; stale objects "would prune". Drift found on the way is counted (and not
 * corrected).
 */
final class ChangePreview {
  private static final Logger LOG = Logger.getLogger(ChangePreview.class);

  private final ManagedObjectCache cache;
  private final DriftWatch drift;
  private final DriftPolicy driftPolicy;
  private final InventoryStore inventories;
  private final boolean prune;
  private String lastReport = "";

  ChangePreview(
      ManagedObjectCache cache,
      DriftWatch drift,
      DriftPolicy driftPolicy,
      InventoryStore inventories,
      boolean prune) {
    this.cache = cache;
    this.drift = drift;
    this.driftPolicy = driftPolicy;
    this.inventories = inventories;
    this.prune = prune;
  }

  /**
   * @param why why nothing may be written, which starts each skipped entry's message
   */
  ChangeSet of(DesiredState desired, String why) {
    List<ChangeSet.Entry> entries = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      for (Manifest manifest : release.objects()) {
        entries.add(previewOne(manifest, release.name(), why));
      }
    }
    if (prune) {
      Inventory previous = inventories.load();
      for (ObjectRef stale : previous.staleAgainst(Inventory.of(desired))) {
        entries.add(new ChangeSet.Entry(stale, "", Action.SKIPPED, why + ": would prune"));
      }
    }
    ChangeSet preview = new ChangeSet(entries);
    logIfChanged(desired.revision(), why, preview);
    return preview;
  }

  private ChangeSet.Entry previewOne(Manifest manifest, String release, String why) {
    ObjectRef ref = manifest.ref();
    Optional<Map<String, Object>> live = cache.get(ref);
    if (live.isEmpty()) {
      return new ChangeSet.Entry(ref, release, Action.SKIPPED, why + ": would create");
    }
    drift.found(ref, drift.assess(ref, live.get()));
    List<String> ignored = driftPolicy.pathsFor(ref, live.get(), Ownership.FIELD_MANAGER);
    if (LiveComparison.matches(manifest.body(), live.get(), Ownership.FIELD_MANAGER, ignored)) {
      return new ChangeSet.Entry(ref, release, Action.UNCHANGED, "");
    }
    List<String> paths = LiveComparison.differences(manifest.body(), live.get(), ignored);
    return new ChangeSet.Entry(
        ref,
        release,
        Action.SKIPPED,
        why
            + ": would configure"
            + (paths.isEmpty()
                ? " (drop fields no longer in Git)"
                : " " + String.join(", ", paths)));
  }

  /** Logs the preview when it differs from the last, so that an idle agent does not repeat it. */
  private void logIfChanged(String revision, String why, ChangeSet preview) {
    List<ChangeSet.Entry> pending =
        preview.entries().stream().filter(e -> e.action() == Action.SKIPPED).toList();
    String text =
        pending.stream().map(ChangeSet.Entry::toString).reduce("", (a, b) -> a + "\n  " + b);
    if (text.equals(lastReport)) {
      return;
    }
    lastReport = text;
    LOG.infof(
        "%s: revision %s, %d objects would change, nothing was written%s",
        why, revision, pending.size(), text);
  }
}
