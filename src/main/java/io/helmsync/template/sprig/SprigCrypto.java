package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.INT;
import static io.helmsync.template.golib.GoType.LIST;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoRunes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Sprig's crypto functions ({@code crypto.go}): Master Password's {@code derivePassword}, AES,
 * bcrypt, and the keys and certificates of {@link SprigKeys} and {@link SprigCertificates}. Where
 * Sprig returns a failure as the function's text rather than an error ({@code bcrypt}, {@code
 * htpasswd}, {@code genPrivateKey}, {@code derivePassword}), so does this.
 */
final class SprigCrypto {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final String MASTER_PASSWORD_SEED = "com.lyndir.masterpassword";
  private static final Map<String, List<String>> PASSWORD_TEMPLATES =
      Map.of(
          "maximum", List.of("anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"),
          "long",
              List.of(
                  "CvcvnoCvcvCvcv",
                  "CvcvCvcvnoCvcv",
                  "CvcvCvcvCvcvno",
                  "CvccnoCvcvCvcv",
                  "CvccCvcvnoCvcv",
                  "CvccCvcvCvcvno",
                  "CvcvnoCvccCvcv",
                  "CvcvCvccnoCvcv",
                  "CvcvCvccCvcvno",
                  "CvcvnoCvcvCvcc",
                  "CvcvCvcvnoCvcc",
                  "CvcvCvcvCvccno",
                  "CvccnoCvccCvcv",
                  "CvccCvccnoCvcv",
                  "CvccCvccCvcvno",
                  "CvcvnoCvccCvcc",
                  "CvcvCvccnoCvcc",
                  "CvcvCvccCvccno",
                  "CvccnoCvcvCvcc",
                  "CvccCvcvnoCvcc",
                  "CvccCvcvCvccno"),
          "medium", List.of("CvcnoCvc", "CvcCvcno"),
          "short", List.of("Cvcn"),
          "basic", List.of("aaanaaan", "aannaaan", "aaannaaa"),
          "pin", List.of("nnnn"));
  private static final Map<Character, String> TEMPLATE_CHARACTERS =
      Map.of(
          'V', "AEIOU",
          'C', "BCDFGHJKLMNPQRSTVWXYZ",
          'v', "aeiou",
          'c', "bcdfghjklmnpqrstvwxyz",
          'A', "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
          'a', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
          'n', "0123456789",
          'o', "@&%?,=[]_:-+*$#!'^~;()/.",
          'x', "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()");

  /** scrypt's cost parameters in Master Password: N, r, p and the key length. */
  private static final int SCRYPT_N = 32768;

  private static final int SCRYPT_R = 8;
  private static final int SCRYPT_P = 2;
  private static final int SCRYPT_KEY_BYTES = 64;

  /** {@code bcrypt.DefaultCost}, and the longest password Go's bcrypt accepts. */
  private static final int BCRYPT_COST = 10;

  private static final int BCRYPT_MAX_PASSWORD_BYTES = 72;
  private static final int BCRYPT_SALT_BYTES = 16;

  private static final int AES_KEY_BYTES = 32;
  private static final int AES_BLOCK = 16;

  /** The RSA key size Sprig gives certificates generated without a key. */
  private static final int CERTIFICATE_RSA_BITS = 2048;

  private SprigCrypto() {}

  static Functions functions() {
    return Functions.builder()
        .add(
            "derivePassword",
            GoFunction.of(
                a ->
                    derivePassword(
                        counter((Long) a[0]),
                        (String) a[1],
                        (String) a[2],
                        (String) a[3],
                        (String) a[4]),
                INT,
                STRING,
                STRING,
                STRING,
                STRING))
        .add(
            "encryptAES",
            GoFunction.of(a -> encryptAES((String) a[0], (String) a[1]), STRING, STRING))
        .add(
            "decryptAES",
            GoFunction.of(a -> decryptAES((String) a[0], (String) a[1]), STRING, STRING))
        .add("bcrypt", SprigStrings.str(SprigCrypto::bcrypt))
        .add("htpasswd", GoFunction.of(a -> htpasswd((String) a[0], (String) a[1]), STRING, STRING))
        .add("genPrivateKey", SprigStrings.str(SprigKeys::generatePem))
        .add(
            "genCA",
            GoFunction.of(
                a -> SprigCertificates.authority((String) a[0], (Long) a[1], newKey()),
                STRING,
                INT))
        .add(
            "genCAWithKey",
            GoFunction.of(
                a -> SprigCertificates.authority((String) a[0], (Long) a[1], givenKey(a[2])),
                STRING,
                INT,
                STRING))
        .add(
            "genSelfSignedCert",
            GoFunction.of(
                a -> SprigCertificates.selfSigned(request(a), newKey()), STRING, LIST, LIST, INT))
        .add(
            "genSelfSignedCertWithKey",
            GoFunction.of(
                a -> SprigCertificates.selfSigned(request(a), givenKey(a[4])),
                STRING,
                LIST,
                LIST,
                INT,
                STRING))
        .add(
            "genSignedCert",
            GoFunction.of(
                a -> SprigCertificates.signed(request(a), (SprigCertificate) a[4], newKey()),
                STRING,
                LIST,
                LIST,
                INT,
                SprigCertificate.TYPE))
        .add(
            "genSignedCertWithKey",
            GoFunction.of(
                a -> SprigCertificates.signed(request(a), (SprigCertificate) a[4], givenKey(a[5])),
                STRING,
                LIST,
                LIST,
                INT,
                SprigCertificate.TYPE,
                STRING))
        .add(
            "buildCustomCert",
            GoFunction.of(
                a -> SprigCertificates.custom((String) a[0], (String) a[1]), STRING, STRING))
        .build();
  }

  private static SprigCertificates.Request request(Object[] args) {
    return new SprigCertificates.Request(
        (String) args[0], (List<?>) args[1], (List<?>) args[2], (Long) args[3]);
  }

  private static KeyPair newKey() {
    return SprigKeys.rsa(CERTIFICATE_RSA_BITS);
  }

  /** The {@code WithKey} functions read their key before anything else. */
  private static KeyPair givenKey(Object pem) {
    return SprigCertificates.readKey((String) pem, "parsing private key: ");
  }

  /**
   * Go converts the counter to uint32, keeping the low 32 bits; a negative literal is refused by
   * Go's executor before the call, which here can only fail the call itself.
   */
  private static int counter(long value) {
    if (value < 0) {
      throw new GoError("expected unsigned integer; found " + value);
    }
    return (int) value;
  }

  /** Master Password: scrypt of the password salted with the user, HMAC'd with the site. */
  private static String derivePassword(
      int counter, String type, String password, String user, String site) {
    List<String> templates = PASSWORD_TEMPLATES.get(type);
    if (templates == null) {
      return "cannot find password template " + type;
    }
    byte[] key =
        SCrypt.generate(
            GoRunes.utf8(password),
            seeded(GoRunes.utf8(user)),
            SCRYPT_N,
            SCRYPT_R,
            SCRYPT_P,
            SCRYPT_KEY_BYTES);
    byte[] siteSeed = seeded(GoRunes.utf8(site));
    byte[] seed =
        hmacSha256(
            key,
            ByteBuffer.allocate(siteSeed.length + Integer.BYTES)
                .put(siteSeed)
                .putInt(counter)
                .array());
    String template = templates.get(Byte.toUnsignedInt(seed[0]) % templates.size());
    StringBuilder out = new StringBuilder(template.length());
    for (int i = 0; i < template.length(); i++) {
      String characters = TEMPLATE_CHARACTERS.get(template.charAt(i));
      out.append(characters.charAt(Byte.toUnsignedInt(seed[i + 1]) % characters.length()));
    }
    return out.toString();
  }

  /** Master Password's scope: the seed name, then a big-endian length and the bytes. */
  private static byte[] seeded(byte[] value) {
    byte[] name = GoRunes.utf8(MASTER_PASSWORD_SEED);
    return ByteBuffer.allocate(name.length + Integer.BYTES + value.length)
        .put(name)
        .putInt(value.length)
        .put(value)
        .array();
  }

  private static byte[] hmacSha256(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** Sprig's scheme: AES-256-CBC, PKCS#7 padding, a random IV first, all in base64. */
  private static String encryptAES(String password, String plaintext) {
    if (plaintext.isEmpty()) {
      return "";
    }
    byte[] iv = new byte[AES_BLOCK];
    RANDOM.nextBytes(iv);
    byte[] ciphertext = aes(Cipher.ENCRYPT_MODE, password, iv, pkcs7(GoRunes.utf8(plaintext)));
    byte[] out = Arrays.copyOf(iv, AES_BLOCK + ciphertext.length);
    System.arraycopy(ciphertext, 0, out, AES_BLOCK, ciphertext.length);
    return Base64.getEncoder().encodeToString(out);
  }

  private static byte[] pkcs7(byte[] content) {
    int padding = AES_BLOCK - content.length % AES_BLOCK;
    byte[] padded = Arrays.copyOf(content, content.length + padding);
    Arrays.fill(padded, content.length, padded.length, (byte) padding);
    return padded;
  }

  /**
   * Sprig's {@code decryptAES}, which checks nothing: input too short, not whole blocks or badly
   * padded makes Go panic, and the template reports the panic's message, reproduced here.
   */
  private static String decryptAES(String password, String encoded) {
    if (encoded.isEmpty()) {
      return "";
    }
    byte[] crypt = SprigEncoding.decodeBase64(encoded);
    if (crypt.length < AES_BLOCK) {
      throw shortInput(crypt.length, encoded.length() / 4 * 3);
    }
    if (crypt.length % AES_BLOCK != 0) {
      throw new GoError("crypto/cipher: input not full blocks");
    }
    byte[] decrypted =
        aes(
            Cipher.DECRYPT_MODE,
            password,
            Arrays.copyOf(crypt, AES_BLOCK),
            Arrays.copyOfRange(crypt, AES_BLOCK, crypt.length));
    if (decrypted.length == 0) {
      throw new GoError("runtime error: index out of range [-1]");
    }
    int end = decrypted.length - Byte.toUnsignedInt(decrypted[decrypted.length - 1]);
    if (end < 0) {
      throw new GoError("runtime error: slice bounds out of range [:" + end + "]");
    }
    return new String(decrypted, 0, end, StandardCharsets.UTF_8);
  }

  /**
   * Go slices the IV within the decoded buffer's capacity ({@code DecodedLen} of the input), so the
   * panic names either the IV's end or the ciphertext's start.
   */
  private static GoError shortInput(int length, int capacity) {
    return capacity < AES_BLOCK
        ? new GoError("runtime error: slice bounds out of range [:16] with capacity " + capacity)
        : new GoError("runtime error: slice bounds out of range [16:" + length + "]");
  }

  /** The key is the password's bytes, cut or zero-padded to 32. */
  private static byte[] aes(int mode, String password, byte[] iv, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      byte[] key = Arrays.copyOf(GoRunes.utf8(password), AES_KEY_BYTES);
      cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES/CBC/NoPadding", e);
    }
  }

  /** {@code bcrypt.GenerateFromPassword} at the default cost, as {@code $2a$}. */
  private static String bcrypt(String password) {
    byte[] bytes = GoRunes.utf8(password);
    if (bytes.length > BCRYPT_MAX_PASSWORD_BYTES) {
      return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
    }
    byte[] salt = new byte[BCRYPT_SALT_BYTES];
    RANDOM.nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", bytes, salt, BCRYPT_COST);
  }

  private static String htpasswd(String username, String password) {
    if (username.contains(":")) {
      return "invalid username: " + username;
    }
    return username + ":" + bcrypt(password);
  }
}
