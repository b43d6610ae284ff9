package io.helmsync.template.helm;

import io.helmsync.model.SizeBoundedCache;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parsed template sets of recently rendered charts, keyed by a SHA-256 of their template files, so
 * that an agent re-rendering an unchanged chart on every reconcile parses it once. Bounded by the
 * size of the template text held, not by a number of charts: the least recently used sets are
 * dropped once their text passes {@code capacity} characters, which keeps memory proportional to
 * the charts in use rather than to every revision ever seen, whether those are a few large charts
 * or many small ones. (A bound by count thrashed: rendering more charts than it held in turn, as a
 * large helmfile or the chart corpus does, parsed every chart on every render.) A set larger than
 * the whole capacity is parsed but not kept. Thread-safe; the cached sets are only ever executed or
 * copied, never parsed into again.
 */
final class ParsedTemplates {
  private final SizeBoundedCache<String, Template> byDigest;

  /**
   * @param capacity the template characters (of all cached sets together) to keep at most
   */
  ParsedTemplates(long capacity) {
    byDigest = new SizeBoundedCache<>(capacity);
  }

  /**
   * The cached set for these files and mode, or the one {@code parse} makes, which is cached when
   * it succeeds. Parsing runs outside the lock: two threads missing at once both parse, and the
   * later result replaces the earlier, which is harmless because they are equal.
   */
  Template get(
      List<String> order,
      Map<String, String> templates,
      MissingKey missingKey,
      Supplier<Template> parse) {
    return byDigest.get(digest(order, templates, missingKey), size(order, templates), parse);
  }

  private static long size(List<String> order, Map<String, String> templates) {
    long size = 0;
    for (String path : order) {
      size += templates.get(path).length();
    }
    return size;
  }

  SizeBoundedCache.Stats stats() {
    return byDigest.stats();
  }

  /** Length-prefixed paths and texts, so no two different charts can run together into one key. */
  private static String digest(
      List<String> order, Map<String, String> templates, MissingKey missingKey) {
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
