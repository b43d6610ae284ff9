package io.helmsync.inventory;

/** Where the inventory is kept between reconciles (and agent restarts). */
public interface InventoryStore {

  /** The stored inventory, or an empty one when none was stored yet. */
  Inventory load();

  void save(Inventory inventory);
}
