package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoRunes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Sprig's base64 and base32 functions. Decoding failures are not errors in Sprig: the function
 * returns Go's error text ("illegal base64 data at input byte 4"), so the byte position Go reports
 * is reproduced by decoding the way Go's {@code encoding/base64} and {@code base32} do.
 */
final class SprigEncoding {
  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private SprigEncoding() {}

  static Functions functions() {
    return Functions.builder()
        .add(
            "b64enc",
            SprigStrings.str(
                s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8))))
        .add("b64dec", SprigStrings.str(s -> decodeOrMessage(s, BASE64, "base64")))
        .add("b32enc", SprigStrings.str(SprigEncoding::base32))
        .add("b32dec", SprigStrings.str(s -> decodeOrMessage(s, BASE32, "base32")))
        .build();
  }

  private static String decodeOrMessage(String s, String alphabet, String name) {
    try {
      byte[] input = GoRunes.utf8(s);
      byte[] decoded = name.equals("base64") ? decode64(input) : decode32(stripNewlines(input));
      return new String(decoded, StandardCharsets.UTF_8);
    } catch (CorruptInput e) {
      return "illegal " + name + " data at input byte " + e.position;
    }
  }

  /** Go's {@code base64.StdEncoding.DecodeString}, whose error Sprig's callers return as is. */
  static byte[] decodeBase64(String s) {
    try {
      return decode64(GoRunes.utf8(s));
    } catch (CorruptInput e) {
      throw new GoError("illegal base64 data at input byte " + e.position);
    }
  }

  /** Go's {@code CorruptInputError}: the offset of the first byte Go rejects. */
  private static final class CorruptInput extends Exception {
    private final long position;

    CorruptInput(long position) {
      super(null, null, false, false);
      this.position = position;
    }
  }

  /** Go's {@code base64.StdEncoding}: quanta of four, newlines skipped, padding required. */
  private static byte[] decode64(byte[] src) throws CorruptInput {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] si = {0};
    while (si[0] < src.length) {
      quantum64(src, si, out);
    }
    return out.toByteArray();
  }

  /** Go's {@code decodeQuantum}: one group of up to four characters and its padding. */
  private static void quantum64(byte[] src, int[] si, ByteArrayOutputStream out)
      throws CorruptInput {
    int[] digits = new int[4];
    int count = 0;
    while (count < 4) {
      if (si[0] == src.length) {
        if (count == 0) {
          return;
        }
        throw new CorruptInput(si[0] - count);
      }
      byte in = src[si[0]++];
      int digit = BASE64.indexOf(in);
      if (digit >= 0) {
        digits[count++] = digit;
      } else if (in != '\n' && in != '\r') {
        if (in != '=') {
          throw new CorruptInput(si[0] - 1);
        }
        padding64(src, si, count);
        break;
      }
    }
    int value = digits[0] << 18 | digits[1] << 12 | digits[2] << 6 | digits[3];
    for (int i = 0; i < count - 1; i++) {
      out.write(value >> (16 - 8 * i));
    }
  }

  /** Checks the padding after {@code count} digits; si is just past the first {@code =}. */
  private static void padding64(byte[] src, int[] si, int count) throws CorruptInput {
    if (count < 2) {
      throw new CorruptInput(si[0] - 1);
    }
    if (count == 2) {
      si[0] = skipNewlines(src, si[0]);
      if (si[0] == src.length) {
        throw new CorruptInput(src.length);
      }
      if (src[si[0]] != '=') {
        throw new CorruptInput(si[0] - 1);
      }
      si[0]++;
    }
    si[0] = skipNewlines(src, si[0]);
    if (si[0] < src.length) {
      throw new CorruptInput(si[0]);
    }
  }

  private static int skipNewlines(byte[] src, int i) {
    while (i < src.length && (src[i] == '\n' || src[i] == '\r')) {
      i++;
    }
    return i;
  }

  private static byte[] stripNewlines(byte[] src) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
    for (byte b : src) {
      if (b != '\n' && b != '\r') {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** Go's {@code base32.StdEncoding} decoder, after {@code DecodeString} stripped newlines. */
  private static byte[] decode32(byte[] src) throws CorruptInput {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pos = 0;
    boolean end = false;
    while (pos < src.length && !end) {
      int[] digits = new int[8];
      int count = 0;
      while (count < 8) {
        if (pos == src.length) {
          throw new CorruptInput(pos - count);
        }
        byte in = src[pos++];
        int remaining = src.length - pos;
        if (in == '=' && count >= 2 && remaining < 8) {
          checkPadding32(src, pos, count);
          end = true;
          break;
        }
        int digit = BASE32.indexOf(in);
        if (digit < 0) {
          throw new CorruptInput(pos - 1);
        }
        digits[count++] = digit;
      }
      writeQuantum32(digits, count, out);
    }
    return out.toByteArray();
  }

  /** The rest of a base32 quantum must be padding, of one of RFC 4648's five lengths. */
  private static void checkPadding32(byte[] src, int pos, int count) throws CorruptInput {
    int remaining = src.length - pos;
    if (remaining + count < 7) {
      throw new CorruptInput(src.length);
    }
    for (int k = 0; k < 7 - count; k++) {
      if (remaining > k && src[pos + k] != '=') {
        throw new CorruptInput(pos + k - 1);
      }
    }
    if (count == 1 || count == 3 || count == 6) {
      throw new CorruptInput(pos - 1);
    }
  }

  private static void writeQuantum32(int[] digits, int count, ByteArrayOutputStream out) {
    long value = 0;
    for (int digit : digits) {
      value = value << 5 | digit;
    }
    int bytes = count * 5 / 8;
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >> (32 - 8 * i)));
    }
  }

  /** Go's {@code base32.StdEncoding.EncodeToString}: padded to whole quanta of eight. */
  private static String base32(String s) {
    byte[] bytes = GoRunes.utf8(s);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length; i += 5) {
      int n = Math.min(5, bytes.length - i);
      long value = 0;
      for (int j = 0; j < 5; j++) {
        value = value << 8 | (j < n ? bytes[i + j] & 0xFF : 0);
      }
      int chars = (n * 8 + 4) / 5;
      for (int j = 0; j < 8; j++) {
        out.append(j < chars ? BASE32.charAt((int) (value >> (35 - 5 * j)) & 31) : '=');
      }
    }
    return out.toString();
  }
}
