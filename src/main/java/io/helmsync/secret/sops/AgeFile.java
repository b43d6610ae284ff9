package io.helmsync.secret.sops;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * An age v1 file (age-encryption.org/v1), armored as sops stores it: a text header of recipient
 * stanzas closed by its HMAC, then the payload in ChaCha20-Poly1305 chunks of 64 KiB. Only {@code
 * X25519} stanzas are unwrapped; other stanzas (scrypt, ssh) are passed over.
 */
final class AgeFile {
  private static final String VERSION_LINE = "age-encryption.org/v1";
  private static final String ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  private static final String ARMOR_END = "-----END AGE ENCRYPTED FILE-----";
  private static final int CHUNK_SIZE = 64 * 1024;
  private static final int TAG_SIZE = 16;
  private static final int NONCE_SIZE = 16;
  private static final Base64.Decoder UNPADDED = Base64.getDecoder();

  private record Stanza(String type, List<String> arguments, byte[] body) {}

  private AgeFile() {}

  /**
   * The plaintext, or empty when none of the identities is a recipient of the file.
   *
   * @throws IllegalArgumentException when the file is not a well-formed age file, or its header or
   *     payload does not authenticate
   */
  static Optional<byte[]> decrypt(String text, List<AgeIdentity> identities) {
    byte[] file = dearmor(text.strip());
    int headerEnd = indexOf(file, "\n--- ".getBytes(StandardCharsets.US_ASCII));
    if (headerEnd < 0) {
      throw new IllegalArgumentException("an age file without a header MAC line");
    }
    int macLineEnd = indexOf(file, "\n".getBytes(StandardCharsets.US_ASCII), headerEnd + 5);
    if (macLineEnd < 0) {
      throw new IllegalArgumentException("an age file without a payload");
    }
    String header = new String(file, 0, headerEnd, StandardCharsets.US_ASCII);
    byte[] headerMac =
        UNPADDED.decode(
            new String(file, headerEnd + 5, macLineEnd - headerEnd - 5, StandardCharsets.US_ASCII));
    Optional<byte[]> fileKey = fileKey(stanzas(header), identities);
    if (fileKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] signed = Arrays.copyOf(file, headerEnd + 4);
    if (!MessageDigest.isEqual(hmac(fileKey.get(), signed), headerMac)) {
      throw new IllegalArgumentException("the age header does not authenticate");
    }
    return Optional.of(
        payload(fileKey.get(), Arrays.copyOfRange(file, macLineEnd + 1, file.length)));
  }

  private static byte[] dearmor(String text) {
    if (text.startsWith(VERSION_LINE)) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    if (!text.startsWith(ARMOR_BEGIN) || !text.endsWith(ARMOR_END)) {
      throw new IllegalArgumentException("not an armored age file");
    }
    String body = text.substring(ARMOR_BEGIN.length(), text.length() - ARMOR_END.length());
    return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
  }

  private static List<Stanza> stanzas(String header) {
    String[] lines = header.split("\n", -1);
    if (!lines[0].equals(VERSION_LINE)) {
      throw new IllegalArgumentException("not an age v1 file");
    }
    List<Stanza> stanzas = new ArrayList<>();
    int i = 1;
    while (i < lines.length) {
      if (!lines[i].startsWith("-> ")) {
        throw new IllegalArgumentException("a malformed age recipient stanza");
      }
      List<String> words = List.of(lines[i].substring(3).split(" "));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String line;
      do {
        i++;
        if (i >= lines.length) {
          throw new IllegalArgumentException("an age recipient stanza without its body");
        }
        line = lines[i];
        body.writeBytes(UNPADDED.decode(line));
      } while (line.length() == 64);
      i++;
      stanzas.add(new Stanza(words.get(0), words.subList(1, words.size()), body.toByteArray()));
    }
    return stanzas;
  }

  private static Optional<byte[]> fileKey(List<Stanza> stanzas, List<AgeIdentity> identities) {
    for (Stanza stanza : stanzas) {
      if (!stanza.type().equals("X25519") || stanza.arguments().size() != 1) {
        continue;
      }
      byte[] share = UNPADDED.decode(stanza.arguments().get(0));
      for (AgeIdentity identity : identities) {
        Optional<byte[]> fileKey = identity.unwrap(share, stanza.body());
        if (fileKey.isPresent()) {
          return fileKey;
        }
      }
    }
    return Optional.empty();
  }

  private static byte[] hmac(byte[] fileKey, byte[] header) {
    HMac hmac = new HMac(new SHA256Digest());
    hmac.init(
        new KeyParameter(
            AgeIdentity.hkdf(fileKey, new byte[0], "header".getBytes(StandardCharsets.US_ASCII))));
    hmac.update(header, 0, header.length);
    byte[] mac = new byte[hmac.getMacSize()];
    hmac.doFinal(mac, 0);
    return mac;
  }

  private static byte[] payload(byte[] fileKey, byte[] payload) {
    if (payload.length < NONCE_SIZE + TAG_SIZE) {
      throw new IllegalArgumentException("an age payload that is too short");
    }
    byte[] key =
        AgeIdentity.hkdf(
            fileKey,
            Arrays.copyOf(payload, NONCE_SIZE),
            "payload".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    long counter = 0;
    for (int offset = NONCE_SIZE; offset < payload.length; counter++) {
      int end = Math.min(offset + CHUNK_SIZE + TAG_SIZE, payload.length);
      byte[] nonce = new byte[12];
      for (int i = 0; i < 8; i++) {
        nonce[10 - i] = (byte) (counter >>> (8 * i));
      }
      nonce[11] = (byte) (end == payload.length ? 1 : 0);
      try {
        plain.writeBytes(
            AgeIdentity.chacha20Poly1305(key, nonce, Arrays.copyOfRange(payload, offset, end)));
      } catch (InvalidCipherTextException e) {
        throw new IllegalArgumentException("the age payload does not authenticate");
      }
      offset = end;
    }
    return plain.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    return indexOf(data, pattern, 0);
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
