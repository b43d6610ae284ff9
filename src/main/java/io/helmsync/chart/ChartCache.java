package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Chart archives on disk, keyed by their sha256, so that a chart whose digest has not changed is
 * downloaded once per cache directory, however many reconciles and restarts use it. Entries are
 * written whole (temporary file, then rename) and checked again when read, so a torn or altered
 * file is a miss, never a wrong chart.
 */
final class ChartCache {
  private static final Logger LOG = Logger.getLogger(ChartCache.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Path dir;

  ChartCache(Path dir) {
    this.dir = dir;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The digest as the cache names it: lower-case hex, without a {@code sha256:} prefix. */
  static Optional<String> normalized(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    hex = hex.toLowerCase(java.util.Locale.ROOT);
    return SHA256.matcher(hex).matches() ? Optional.of(hex) : Optional.empty();
  }

  Optional<byte[]> get(String sha256) {
    Path file = file(sha256);
    try {
      byte[] data = Files.readAllBytes(file);
      if (sha256(data).equals(sha256)) {
        return Optional.of(data);
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Absent or unreadable: a miss; the chart is downloaded again.
    }
    return Optional.empty();
  }

  /** Stores a verified archive; a cache that cannot be written only costs a later download. */
  void put(String sha256, byte[] data) {
    Path file = file(sha256);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, sha256, ".part");
      Files.write(temp, data);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warnf("chart cache not written: dir=%s error=%s", dir, e.getMessage());
    }
  }

  /**
   * Checks downloaded bytes against the digest their source announced.
   *
   * @throws ReconcileException STALLED: the source is inconsistent or the download was altered
   */
  static void verify(byte[] data, String expected, String what, String where) {
    String actual = sha256(data);
    if (!actual.equals(expected)) {
      throw ReconcileException.stalled(
          where
              + ": "
              + what
              + " has digest sha256:"
              + actual
              + ", but its source announced sha256:"
              + expected
              + "; the repository is inconsistent "
              + "or the download was altered, so the chart is not used");
    }
  }

  private Path file(String sha256) {
    return dir.resolve("sha256-" + sha256 + ".tgz");
  }
}
