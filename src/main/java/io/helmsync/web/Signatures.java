package io.helmsync.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks webhook signatures and tokens in constant time, so timing reveals nothing about the
 * secret.
 */
final class Signatures {
  private Signatures() {}

  /**
   * True when {@code header} is the HMAC-SHA256 of {@code body} under {@code secret}, as hex, with
   * or without the {@code sha256=} prefix GitHub and Bitbucket put in front.
   */
  static boolean hmacSha256Matches(String secret, byte[] body, String header) {
    if (header == null) {
      return false;
    }
    String hex = header.startsWith("sha256=") ? header.substring("sha256=".length()) : header;
    byte[] expected =
        HexFormat.of().formatHex(hmacSha256(secret, body)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(
        expected, hex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** True when {@code token} equals {@code secret} (GitLab sends the secret itself). */
  static boolean tokenMatches(String secret, String token) {
    return token != null
        && MessageDigest.isEqual(
            secret.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
