package io.helmsync.secret.sops;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only stand-in for {@code sops --encrypt} (no sops binary here): a flat YAML file of string
 * values encrypted with a given data key as sops' cipher does, with its MAC, and the metadata block
 * the test gives (the data key encrypted to real keys by real tools: age, a KMS stub).
 */
final class SopsFileWriter {
  static final String LAST_MODIFIED = "2026-12-06T06:00:00Z";

  private SopsFileWriter() {}

  /** A YAML SOPS file; {@code keys} is the YAML of the key lists inside {@code sops:}. */
  static byte[] yaml(Map<String, String> values, byte[] dataKey, String keys)
      throws GeneralSecurityException {
    return yaml(values, Map.of(), dataKey, keys, false);
  }

  /**
   * A YAML SOPS file with values in clear too (their keys must end with {@code _unencrypted}); with
   * {@code macOnlyEncrypted} the MAC covers the encrypted values only, as sops' {@code
   * --mac-only-encrypted} makes it.
   */
  static byte[] yaml(
      Map<String, String> values,
      Map<String, String> clear,
      byte[] dataKey,
      String keys,
      boolean macOnlyEncrypted)
      throws GeneralSecurityException {
    StringBuilder yaml = new StringBuilder();
    MessageDigest mac = MessageDigest.getInstance("SHA-512");
    if (macOnlyEncrypted) {
      mac.update(MessageDigest.getInstance("SHA-256").digest("sops".getBytes(UTF_8)));
    }
    for (Map.Entry<String, String> entry : values.entrySet()) {
      yaml.append(entry.getKey())
          .append(": ")
          .append(encrypt(entry.getValue(), dataKey, entry.getKey() + ":"))
          .append('\n');
      mac.update(entry.getValue().getBytes(UTF_8));
    }
    for (Map.Entry<String, String> entry : clear.entrySet()) {
      yaml.append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
      if (!macOnlyEncrypted) {
        mac.update(entry.getValue().getBytes(UTF_8));
      }
    }
    String macHex = HexFormat.of().withUpperCase().formatHex(mac.digest());
    yaml.append("sops:\n")
        .append(keys.indent(4))
        .append("    lastmodified: \"")
        .append(LAST_MODIFIED)
        .append("\"\n")
        .append("    mac: ")
        .append(encrypt(macHex, dataKey, LAST_MODIFIED))
        .append('\n')
        .append(macOnlyEncrypted ? "    mac_only_encrypted: true\n" : "")
        .append("    unencrypted_suffix: _unencrypted\n    version: 3.9.0\n");
    return yaml.toString().getBytes(UTF_8);
  }

  static String encrypt(String value, byte[] key, String additionalData)
      throws GeneralSecurityException {
    byte[] iv = new byte[32];
    new SecureRandom().nextBytes(iv);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
    gcm.updateAAD(additionalData.getBytes(UTF_8));
    byte[] sealed = gcm.doFinal(value.getBytes(UTF_8));
    Base64.Encoder base64 = Base64.getEncoder();
    return "ENC[AES256_GCM,data:"
        + base64.encodeToString(Arrays.copyOf(sealed, sealed.length - 16))
        + ",iv:"
        + base64.encodeToString(iv)
        + ",tag:"
        + base64.encodeToString(Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length))
        + ",type:str]";
  }

  static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
