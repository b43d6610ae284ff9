package io.helmsync.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * A least-recently-used cache bounded by the total size of what it holds (characters of the text a
 * value was parsed from), not by a number of entries: a bound by count thrashes as soon as one
 * entry more than it holds is used in turn, as rendering the chart corpus showed. An entry larger
 * than the whole capacity is computed but not kept. Thread-safe; values are computed outside the
 * lock, so two threads that miss at once both compute, and the later result replaces the earlier.
 *
 * @param <K> the key, e.g. a digest of the source text or the text itself
 * @param <V> the value computed from it
 */
public final class SizeBoundedCache<K, V> {
  private record Entry<V>(V value, long size) {}

  /** Hit and miss counts since creation, for tests and diagnostics. */
  public record Stats(long hits, long misses) {}

  private final long capacity;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long size;
  private long hits;
  private long misses;

  /**
   * @param capacity the total size of the entries to keep at most
   */
  public SizeBoundedCache(long capacity) {
    this.capacity = capacity;
  }

  /**
   * The cached value for {@code key}, or the one {@code compute} makes, which is kept when it
   * succeeds; a failure is thrown to the caller and nothing is kept.
   *
   * @param size the entry's size, in the unit of the capacity
   */
  public V get(K key, long size, Supplier<V> compute) {
    synchronized (this) {
      Entry<V> cached = entries.get(key);
      if (cached != null) {
        hits++;
        return cached.value();
      }
      misses++;
    }
    V computed = compute.get();
    keep(key, new Entry<>(computed, size));
    return computed;
  }

  public synchronized Stats stats() {
    return new Stats(hits, misses);
  }

  private synchronized void keep(K key, Entry<V> entry) {
    if (entry.size() > capacity) {
      return;
    }
    Entry<V> replaced = entries.put(key, entry);
    size += entry.size() - (replaced == null ? 0 : replaced.size());
    Iterator<Entry<V>> eldestFirst = entries.values().iterator();
    while (size > capacity) {
      size -= eldestFirst.next().size();
      eldestFirst.remove();
    }
  }
}
