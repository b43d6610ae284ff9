package io.helmsync.secret.sops;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.SizeBoundedCache;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Decrypts SOPS files in process, as {@code sops --decrypt} does, without writing plaintext
 * anywhere: reads the file in the format its name says, recovers the data key from its key groups,
 * decrypts the values and checks the MAC, so that a file changed after it was encrypted, or without
 * a MAC, is refused. Results are cached by a digest of the file's content (and format), bounded by
 * the total size of the files; a failure is not cached. Thread-safe.
 */
public final class SopsDecryptor {
  private final DataKeyRecovery dataKeys;
  private final SizeBoundedCache<String, SopsDocument> cache;

  /**
   * @param cacheCapacity the total size, in bytes of encrypted files, of the results kept
   */
  public SopsDecryptor(SopsKeys keys, KmsKeys kms, long cacheCapacity) {
    this.dataKeys = new DataKeyRecovery(keys, kms);
    this.cache = new SizeBoundedCache<>(cacheCapacity);
  }

  /**
   * The plaintext of a SOPS file.
   *
   * @param file the file's name as messages show it; its extension gives the format
   * @throws ReconcileException stalled when the file is not a SOPS file, cannot be decrypted with
   *     the keys held, or was modified; transient when only a KMS key could decrypt it and AWS did
   *     not answer
   */
  public SopsDocument decrypt(String file, byte[] content) {
    SopsFormat format =
        SopsFormat.of(file)
            .orElseThrow(
                () ->
                    ReconcileException.stalled(
                        file
                            + ": helmsync reads SOPS files in YAML (.yaml, .yml), JSON (.json), dotenv (.env) or INI "
                            + "(.ini) format; sops' binary format is not supported"));
    return cache.get(
        format + ":" + sha256(content),
        content.length,
        () -> decrypt(file, format, new String(content, StandardCharsets.UTF_8)));
  }

  /** Hits and misses of the cache, for tests and diagnostics. */
  public SizeBoundedCache.Stats cacheStats() {
    return cache.stats();
  }

  private SopsDocument decrypt(String file, SopsFormat format, String text) {
    EncryptedFile encrypted = read(file, format, text);
    if (encrypted.metadata() == null) {
      throw ReconcileException.stalled(
          file
              + ": not encrypted with SOPS (it has no sops "
              + "metadata); encrypt it with sops, or load it as a plain file");
    }
    SopsMetadata metadata;
    try {
      metadata = SopsMetadata.parse(encrypted.metadata());
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(file + ": " + e.getMessage());
    }
    if (metadata.mac().isEmpty()) {
      throw ReconcileException.stalled(
          file
              + ": the SOPS file has no MAC, so its integrity cannot "
              + "be checked; re-encrypt it with sops (helmsync, like sops without --ignore-mac, "
              + "refuses it)");
    }
    byte[] dataKey = dataKeys.recover(file, metadata);
    TreeDecryption.Result result;
    try {
      result = TreeDecryption.decrypt(encrypted.documents(), dataKey, metadata);
    } catch (TreeDecryption.ValueException e) {
      throw ReconcileException.stalled(
          file + ": " + e.getMessage() + "; the file was modified after sops encrypted it");
    }
    checkMac(file, metadata, dataKey, result.mac());
    return new SopsDocument(format, result.documents());
  }

  private static EncryptedFile read(String file, SopsFormat format, String text) {
    try {
      return switch (format) {
        case YAML -> YamlStore.read(text);
        case JSON -> JsonStore.read(text);
        case DOTENV -> DotenvStore.read(text);
        case INI -> IniStore.read(text);
      };
    } catch (RuntimeException e) {
      throw ReconcileException.stalled(
          file + ": cannot be read as " + format + ": " + e.getMessage());
    }
  }

  private static void checkMac(
      String file, SopsMetadata metadata, byte[] dataKey, String computed) {
    byte[] stored;
    try {
      Object mac = ValueCipher.decrypt(metadata.mac(), dataKey, metadata.lastModified()).value();
      stored = HexFormat.of().parseHex(String.valueOf(mac));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ReconcileException.stalled(
          file
              + ": the SOPS MAC does not decrypt; the file (or its "
              + "lastmodified) was modified after sops encrypted it");
    }
    if (!MessageDigest.isEqual(stored, HexFormat.of().parseHex(computed))) {
      throw ReconcileException.stalled(
          file
              + ": the SOPS MAC does not match the values; the file "
              + "was modified after sops encrypted it (re-encrypt it with sops)");
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
