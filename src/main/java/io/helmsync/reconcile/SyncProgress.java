package io.helmsync.reconcile;

import io.helmsync.inventory.Inventory;
import io.helmsync.inventory.InventoryStore;
import io.helmsync.inventory.ReleaseHistory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inventory while a sync goes on. It is written after each release that ran hooks, so an agent
 * killed in the middle of a sync knows on restart which releases already succeeded (their hooks do
 * not run again) and every object it may have created (it can still prune them); other histories
 * wait for the end of the sync, since redoing a release without hooks repeats nothing. It is
 * written only when it differs from what is stored, so a sync with nothing to do writes nothing.
 */
final class SyncProgress {
  private final InventoryStore store;
  private final Inventory previous;
  private final Inventory current;
  private final Map<String, ReleaseHistory> histories = new LinkedHashMap<>();
  private Inventory stored;

  /**
   * @param previous the inventory as loaded at the start of the sync
   * @param current the inventory the sync leaves behind if everything succeeds
   */
  SyncProgress(InventoryStore store, Inventory previous, Inventory current) {
    this.store = store;
    this.previous = previous;
    this.current = current;
    this.stored = previous;
  }

  /**
   * Records how a release's sync ended, writing the inventory at once if the release ran hooks and
   * that changed it.
   */
  void record(String release, ReleaseHistory history, boolean ranHooks) {
    if (history.equals(previous.history(release))) {
      return;
    }
    histories.put(release, history);
    if (ranHooks) {
      save(interrupted());
    }
  }

  /**
   * What to keep when the sync stops before its end: everything listed before, everything it may
   * have created since, and the histories recorded so far.
   */
  Inventory interrupted() {
    return previous.growingBy(current).withHistories(histories);
  }

  /** Stores {@code next} with the histories recorded so far, unless that is what is stored. */
  void finish(Inventory next) {
    save(next.withHistories(histories));
  }

  private void save(Inventory next) {
    if (!next.equals(stored)) {
      store.save(next);
      stored = next;
    }
  }
}
