package io.helmsync.secret.sops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * OpenPGP secret keys (Flux's {@code *.asc}: armored, without a passphrase) and the decryption of
 * the PGP messages sops encrypts data keys into, with BouncyCastle's lightweight API (no provider
 * is registered).
 */
final class PgpKeyring {
  private final List<PGPSecretKeyRing> rings;

  private PgpKeyring(List<PGPSecretKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  static PgpKeyring empty() {
    return new PgpKeyring(List.of());
  }

  /**
   * This keyring with the secret keys of an armored or binary key file added.
   *
   * @throws IllegalArgumentException when the file holds no OpenPGP secret key
   */
  PgpKeyring with(byte[] keyFile) {
    List<PGPSecretKeyRing> added = new ArrayList<>(rings);
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyFile))) {
      BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
      for (Object object = objects.nextObject(); object != null; object = objects.nextObject()) {
        if (object instanceof PGPSecretKeyRing ring) {
          added.add(ring);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not an OpenPGP secret key file");
    }
    if (added.size() == rings.size()) {
      throw new IllegalArgumentException("holds no OpenPGP secret key");
    }
    return new PgpKeyring(added);
  }

  /** This keyring with the keys of {@code other} added. */
  PgpKeyring and(PgpKeyring other) {
    List<PGPSecretKeyRing> both = new ArrayList<>(rings);
    both.addAll(other.rings);
    return new PgpKeyring(both);
  }

  /** The fingerprints of the primary keys, for errors that say what was available. */
  List<String> fingerprints() {
    return rings.stream()
        .map(ring -> HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint()))
        .toList();
  }

  /**
   * The plaintext of an armored PGP message, or empty when no key of this keyring is one of its
   * recipients.
   *
   * @throws IllegalArgumentException when the message is malformed, does not decrypt with the
   *     matching key, or the key has a passphrase
   */
  Optional<byte[]> decrypt(String armoredMessage) {
    try (InputStream in =
        PGPUtil.getDecoderStream(
            new ByteArrayInputStream(armoredMessage.getBytes(StandardCharsets.US_ASCII)))) {
      BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
      Object first = objects.nextObject();
      if (first instanceof PGPMarker) {
        first = objects.nextObject();
      }
      if (!(first instanceof PGPEncryptedDataList encrypted)) {
        throw new IllegalArgumentException("not a PGP encrypted message");
      }
      for (Object data : encrypted) {
        if (data instanceof PGPPublicKeyEncryptedData publicKeyData) {
          Optional<PGPSecretKey> key = secretKey(publicKeyData.getKeyIdentifier());
          if (key.isPresent()) {
            return Optional.of(decrypt(publicKeyData, key.get()));
          }
        }
      }
      return Optional.empty();
    } catch (IOException | PGPException e) {
      throw new IllegalArgumentException(
          "the PGP message does not decrypt (" + e.getClass().getSimpleName() + ")");
    }
  }

  private Optional<PGPSecretKey> secretKey(KeyIdentifier keyId) {
    for (PGPSecretKeyRing ring : rings) {
      PGPSecretKey key = ring.getSecretKey(keyId);
      if (key != null) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private static byte[] decrypt(PGPPublicKeyEncryptedData data, PGPSecretKey key)
      throws PGPException, IOException {
    PGPPrivateKey privateKey;
    try {
      privateKey = key.extractPrivateKey(null);
    } catch (PGPException e) {
      throw new IllegalArgumentException(
          "the secret key is protected by a passphrase; export it "
              + "without one (gpg --export-secret-keys after removing the passphrase)");
    }
    PGPKeyPair keyPair = new PGPKeyPair(key.getPublicKey(), privateKey);
    try (InputStream clear = data.getDataStream(new BcPublicKeyDataDecryptorFactory(keyPair))) {
      Object message = new BcPGPObjectFactory(clear).nextObject();
      if (message instanceof PGPCompressedData compressed) {
        message = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
      }
      if (!(message instanceof PGPLiteralData literal)) {
        throw new IllegalArgumentException("the PGP message holds no literal data");
      }
      byte[] plaintext = literal.getDataStream().readAllBytes();
      if (data.isIntegrityProtected() && !data.verify()) {
        throw new IllegalArgumentException("the PGP message fails its integrity check");
      }
      return plaintext;
    }
  }
}
