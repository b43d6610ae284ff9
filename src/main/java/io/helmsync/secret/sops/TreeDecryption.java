package io.helmsync.secret.sops;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One walk over a file's documents ({@code Tree.Decrypt}): each value the rules say is encrypted is
 * decrypted with the data key and its path, and every value (or, with {@code mac_only_encrypted},
 * every encrypted one) goes into a SHA-512 in file order, which is the MAC sops stored. Paths hold
 * mapping keys only: list positions are not part of them.
 */
final class TreeDecryption {
  /** {@code sops.MACOnlyEncryptedInitialization}: SHA-256 of "sops", so the two MACs differ. */
  private static final byte[] MAC_ONLY_ENCRYPTED_INITIALIZATION =
      HexFormat.of().parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

  private final byte[] dataKey;
  private final SopsMetadata metadata;
  private final MessageDigest mac;

  private TreeDecryption(byte[] dataKey, SopsMetadata metadata) {
    this.dataKey = dataKey;
    this.metadata = metadata;
    try {
      this.mac = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
    if (metadata.macOnlyEncrypted()) {
      mac.update(MAC_ONLY_ENCRYPTED_INITIALIZATION);
    }
  }

  /** The decrypted documents and the MAC of their values, in sops' upper-case hex. */
  record Result(List<Map<String, Object>> documents, String mac) {}

  /**
   * @throws ValueException when a value does not decrypt: the file was modified, or a value has a
   *     type sops does not write
   */
  static Result decrypt(List<Branch> documents, byte[] dataKey, SopsMetadata metadata) {
    TreeDecryption walk = new TreeDecryption(dataKey, metadata);
    List<Map<String, Object>> plain = new ArrayList<>();
    documents.forEach(document -> plain.add(walk.branch(document, List.of())));
    return new Result(plain, HexFormat.of().withUpperCase().formatHex(walk.mac.digest()));
  }

  private Map<String, Object> branch(Branch branch, List<String> path) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Branch.Entry entry : branch.entries()) {
      List<String> child = new ArrayList<>(path);
      child.add(entry.key());
      map.put(entry.key(), value(entry.value(), child));
    }
    return map;
  }

  private Object value(Object value, List<String> path) {
    if (value instanceof Branch branch) {
      return branch(branch, path);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      list.forEach(item -> items.add(value(item, path)));
      return items;
    }
    if (value == null) {
      return null;
    }
    boolean encrypted = metadata.rules().encrypted(path, value);
    if (!encrypted) {
      if (!metadata.macOnlyEncrypted()) {
        mac.update(Scalars.macBytes(value));
      }
      return value;
    }
    if (!(value instanceof String text)) {
      throw new ValueException(path, "is not encrypted although the file's rules say it is");
    }
    try {
      ValueCipher.Plaintext plaintext =
          ValueCipher.decrypt(text, dataKey, ValueCipher.additionalData(path));
      mac.update(plaintext.bytes());
      return plaintext.value();
    } catch (GeneralSecurityException e) {
      throw new ValueException(path, "does not decrypt with the file's data key");
    } catch (IllegalArgumentException e) {
      throw new ValueException(path, e.getMessage());
    }
  }

  /** A value that cannot be decrypted; the message names its path, never its content. */
  static final class ValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ValueException(List<String> path, String problem) {
      super("the value at " + String.join(".", path) + " " + problem);
    }
  }
}
