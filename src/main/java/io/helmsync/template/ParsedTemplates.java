package io.helmsync.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parsed template sets of recently rendered charts, keyed by a SHA-256 of their template files, so
 * that an agent re-rendering an unchanged chart on every reconcile parses it once. Bounded: the
 * least recently used set is dropped past {@code capacity}, which keeps memory proportional to the
 * charts in use rather than to every revision ever seen. Thread-safe; the cached sets are only ever
 * executed or copied, never parsed into again.
 */
final class ParsedTemplates {
  private final Map<String, Template> byDigest;
  private long hits;
  private long misses;

  /** Hit and miss counts since creation, for tests and diagnostics. */
  record Stats(long hits, long misses) {}

  ParsedTemplates(int capacity) {
    this.byDigest = new LinkedHashMap<>(capacity, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Template> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * The cached set for these files and mode, or the one {@code parse} makes, which is cached when
   * it succeeds. Parsing runs outside the lock: two threads missing at once both parse, and the
   * later result replaces the earlier, which is harmless because they are equal.
   */
  Template get(List<String> order, Map<String, String> templates, MissingKey missingKey,
      Supplier<Template> parse) {
    String digest = digest(order, templates, missingKey);
    synchronized (this) {
      Template cached = byDigest.get(digest);
      if (cached != null) {
        hits++;
        return cached;
      }
      misses++;
    }
    Template parsed = parse.get();
    synchronized (this) {
      byDigest.put(digest, parsed);
    }
    return parsed;
  }

  synchronized Stats stats() {
    return new Stats(hits, misses);
  }

  /** Length-prefixed paths and texts, so no two different charts can run together into one key. */
  private static String digest(List<String> order, Map<String, String> templates,
      MissingKey missingKey) {
    MessageDigest sha = sha256();
    update(sha, missingKey.name());
    for (String path : order) {
      update(sha, path);
      update(sha, templates.get(path));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
