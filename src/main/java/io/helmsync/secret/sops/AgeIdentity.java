package io.helmsync.secret.sops;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An age X25519 identity ({@code AGE-SECRET-KEY-1…}) and what it does: unwrap the file key of an
 * {@code X25519} recipient stanza (age's spec: X25519 with the stanza's ephemeral share,
 * HKDF-SHA256 salted with the share and the recipient, ChaCha20-Poly1305 with a zero nonce). Its
 * {@link #toString()} shows the recipient only.
 */
final class AgeIdentity {
  private static final String SECRET_KEY_PREFIX = "age-secret-key-";
  private static final byte[] X25519_INFO =
      "age-encryption.org/v1/X25519".getBytes(StandardCharsets.US_ASCII);
  private static final int FILE_KEY_SIZE = 16;

  private final byte[] scalar;
  private final byte[] publicKey;
  private final String recipient;

  private AgeIdentity(byte[] scalar) {
    this.scalar = scalar;
    this.publicKey = new byte[X25519.POINT_SIZE];
    X25519.scalarMultBase(scalar, 0, publicKey, 0);
    this.recipient = Bech32.encode("age", publicKey);
  }

  /**
   * @throws IllegalArgumentException when the text is not an age X25519 identity (the message never
   *     quotes it)
   */
  static AgeIdentity parse(String text) {
    Bech32.Decoded decoded;
    try {
      decoded = Bech32.decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an age identity: " + e.getMessage());
    }
    if (!decoded.humanReadablePart().equals(SECRET_KEY_PREFIX)
        || decoded.data().length != X25519.SCALAR_SIZE) {
      throw new IllegalArgumentException("not an age X25519 identity (AGE-SECRET-KEY-1...)");
    }
    return new AgeIdentity(decoded.data());
  }

  /** The public {@code age1…} recipient of this identity. */
  String recipient() {
    return recipient;
  }

  /** The file key of a stanza {@code -> X25519 <share>}, or empty when it is not for this key. */
  Optional<byte[]> unwrap(byte[] share, byte[] body) {
    if (share.length != X25519.POINT_SIZE || body.length != FILE_KEY_SIZE + 16) {
      return Optional.empty();
    }
    byte[] shared = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(scalar, 0, share, 0, shared, 0)) {
      return Optional.empty();
    }
    byte[] salt = new byte[share.length + publicKey.length];
    System.arraycopy(share, 0, salt, 0, share.length);
    System.arraycopy(publicKey, 0, salt, share.length, publicKey.length);
    byte[] wrapKey = hkdf(shared, salt, X25519_INFO);
    try {
      return Optional.of(chacha20Poly1305(wrapKey, new byte[12], body));
    } catch (InvalidCipherTextException e) {
      return Optional.empty();
    }
  }

  static byte[] hkdf(byte[] secret, byte[] salt, byte[] info) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, salt, info));
    byte[] key = new byte[32];
    hkdf.generateBytes(key, 0, key.length);
    return key;
  }

  static byte[] chacha20Poly1305(byte[] key, byte[] nonce, byte[] sealed)
      throws InvalidCipherTextException {
    ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    aead.init(false, new AEADParameters(new KeyParameter(key), 128, nonce));
    byte[] plain = new byte[aead.getOutputSize(sealed.length)];
    int length = aead.processBytes(sealed, 0, sealed.length, plain, 0);
    length += aead.doFinal(plain, length);
    return Arrays.copyOf(plain, length);
  }

  @Override
  public String toString() {
    return "age identity for " + recipient;
  }
}
