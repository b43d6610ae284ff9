package io.helmsync.apply;

/**
 * How to apply.
 *
 * @param fieldManager the server-side apply field manager
 * @param force take ownership of fields another manager owns (conflicts are errors otherwise)
 */
public record ApplyOptions(String fieldManager, boolean force) {
  public static final String FIELD_MANAGER = "helmsync";

  public static ApplyOptions defaults() {
    return new ApplyOptions(FIELD_MANAGER, true);
  }

  public ApplyOptions withForce(boolean force) {
    return new ApplyOptions(fieldManager, force);
  }
}
