package io.helmsync.secret.sops;

import java.util.List;

/**
 * A mapping of a SOPS document as sops keeps it: its entries in file order, so that the MAC, which
 * covers the values in order, can be computed again. Values are a {@code Branch}, a {@link List} of
 * values, a scalar ({@link String}, {@link Integer}, {@link Long}, {@link Double}, {@link Boolean})
 * or {@code null}. Comments are not kept: sops leaves them out of the MAC.
 */
record Branch(List<Entry> entries) {
  Branch {
    entries = List.copyOf(entries);
  }

  /** One key and its value; values may be null, so this is not a {@link java.util.Map.Entry}. */
  record Entry(String key, Object value) {}
}
