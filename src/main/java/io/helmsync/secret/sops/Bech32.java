package io.helmsync.secret.sops;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173) as age uses it for {@code age1…} recipients and {@code AGE-SECRET-KEY-1…}
 * identities: without BIP 173's 90-character limit, all upper or all lower case.
 */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };

  private Bech32() {}

  /** The decoded data and its human-readable part (lower case). */
  record Decoded(String humanReadablePart, byte[] data) {}

  static Decoded decode(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!text.equals(lower) && !text.equals(text.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("mixed case");
    }
    int separator = lower.lastIndexOf('1');
    if (separator < 1 || separator + 7 > lower.length()) {
      throw new IllegalArgumentException("no separator or checksum");
    }
    String hrp = lower.substring(0, separator);
    int[] values = new int[lower.length() - separator - 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = CHARSET.indexOf(lower.charAt(separator + 1 + i));
      if (values[i] < 0) {
        throw new IllegalArgumentException("a character outside bech32's alphabet");
      }
    }
    if (polymod(hrp, values, new int[0]) != 1) {
      throw new IllegalArgumentException("a wrong checksum");
    }
    int[] data = new int[values.length - 6];
    System.arraycopy(values, 0, data, 0, data.length);
    return new Decoded(hrp, bytes(data));
  }

  static String encode(String hrp, byte[] data) {
    int[] values = fiveBits(data);
    int checksum = polymod(hrp, values, new int[6]) ^ 1;
    StringBuilder text = new StringBuilder(hrp).append('1');
    for (int value : values) {
      text.append(CHARSET.charAt(value));
    }
    for (int i = 0; i < 6; i++) {
      text.append(CHARSET.charAt((checksum >>> (5 * (5 - i))) & 31));
    }
    return text.toString();
  }

  private static int polymod(String hrp, int[] values, int[] tail) {
    int checksum = 1;
    int[] expanded = new int[hrp.length() * 2 + 1 + values.length + tail.length];
    int n = 0;
    for (char c : hrp.toCharArray()) {
      expanded[n++] = c >>> 5;
    }
    expanded[n++] = 0;
    for (char c : hrp.toCharArray()) {
      expanded[n++] = c & 31;
    }
    System.arraycopy(values, 0, expanded, n, values.length);
    for (int value : expanded) {
      int top = checksum >>> 25;
      checksum = ((checksum & 0x1ffffff) << 5) ^ value;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          checksum ^= GENERATOR[i];
        }
      }
    }
    return checksum;
  }

  private static byte[] bytes(int[] fiveBits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int accumulator = 0;
    int bits = 0;
    for (int value : fiveBits) {
      accumulator = (accumulator << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out.write((accumulator >>> bits) & 0xff);
      }
    }
    if (bits >= 5 || ((accumulator << (8 - bits)) & 0xff) != 0) {
      throw new IllegalArgumentException("non-zero padding");
    }
    return out.toByteArray();
  }

  private static int[] fiveBits(byte[] data) {
    int[] values = new int[(data.length * 8 + 4) / 5];
    int accumulator = 0;
    int bits = 0;
    int n = 0;
    for (byte b : data) {
      accumulator = (accumulator << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        values[n++] = (accumulator >>> bits) & 31;
      }
    }
    if (bits > 0) {
      values[n] = (accumulator << (5 - bits)) & 31;
    }
    return values;
  }
}
