package io.helmsync.secret.sops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * sops' value cipher ({@code aes/cipher.go}): a value {@code
 * ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]} is AES-256-GCM with the data key, its IV (32 bytes), a
 * 128-bit tag and, as additional data, the value's key path joined with {@code :} and ended by one.
 * The type restores what the value was before it was encrypted. An empty value stands for an empty
 * string, as sops writes it.
 */
final class ValueCipher {
  private static final Pattern ENCRYPTED =
      Pattern.compile("^ENC\\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\\]");
  private static final int TAG_BITS = 128;

  private ValueCipher() {}

  /** Whether a value has the form of an encrypted one. */
  static boolean isEncrypted(Object value) {
    return value instanceof String text && ENCRYPTED.matcher(text).find();
  }

  /**
   * The plaintext of an encrypted value.
   *
   * @throws GeneralSecurityException when the value does not authenticate with this key and path: a
   *     wrong data key, or a value that was changed or moved
   * @throws IllegalArgumentException when the value is not in sops' format
   */
  static Plaintext decrypt(String value, byte[] key, String additionalData)
      throws GeneralSecurityException {
    if (value.isEmpty()) {
      return new Plaintext(new byte[0], "str");
    }
    Matcher parts = ENCRYPTED.matcher(value);
    if (!parts.find()) {
      throw new IllegalArgumentException("is not in sops' ENC[AES256_GCM,...] format");
    }
    Base64.Decoder base64 = Base64.getDecoder();
    byte[] data;
    byte[] iv;
    byte[] tag;
    try {
      data = base64.decode(parts.group(1));
      iv = base64.decode(parts.group(2));
      tag = base64.decode(parts.group(3));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not in sops' format (its base64 is broken)");
    }
    byte[] sealed = new byte[data.length + tag.length];
    System.arraycopy(data, 0, sealed, 0, data.length);
    System.arraycopy(tag, 0, sealed, data.length, tag.length);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    gcm.updateAAD(additionalData.getBytes(StandardCharsets.UTF_8));
    return new Plaintext(gcm.doFinal(sealed), parts.group(4));
  }

  /** The additional data sops authenticates a value with: its path, each key followed by ':'. */
  static String additionalData(Iterable<String> path) {
    StringBuilder joined = new StringBuilder();
    path.forEach(key -> joined.append(key).append(':'));
    return joined.length() == 0 ? ":" : joined.toString();
  }

  /**
   * A decrypted value: the bytes the MAC covers, and the sops type that gives it back its YAML or
   * JSON type.
   */
  record Plaintext(byte[] bytes, String type) {
    /**
     * The value with its type restored ({@code bytes} become a string, as sops emits them).
     *
     * @throws IllegalArgumentException for an unknown type or a value that does not parse as its
     *     type; the message never quotes the value
     */
    Object value() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      try {
        return switch (type) {
          case "str", "bytes" -> text;
          case "int", "int64" -> Scalars.integer(Long.parseLong(text));
          case "float" -> Double.parseDouble(text);
          case "bool" -> parseBool(text);
          default -> throw new IllegalArgumentException("has an unknown sops type");
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("does not parse as its sops type " + type);
      }
    }

    /** Go's {@code strconv.ParseBool}, which sops decrypts booleans with. */
    private static Boolean parseBool(String text) {
      return switch (text) {
        case "1", "t", "T", "TRUE", "true", "True" -> true;
        case "0", "f", "F", "FALSE", "false", "False" -> false;
        default -> throw new NumberFormatException("not a boolean");
      };
    }
  }
}
