package io.helmsync.secret.sops;

import java.util.List;

/**
 * Recombination of a data key split with Shamir's secret sharing, as sops splits it (its {@code
 * shamir} package, from HashiCorp Vault): every part is the secret's length plus one byte, the last
 * byte the part's x coordinate, and each secret byte is the value at zero of the polynomial through
 * the parts, over GF(2^8) with AES' polynomial.
 */
final class Shamir {
  private Shamir() {}

  /**
   * @throws IllegalArgumentException when the parts differ in length or share a coordinate
   */
  static byte[] combine(List<byte[]> parts) {
    int length = parts.get(0).length;
    int[] x = new int[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).length != length || length < 2) {
        throw new IllegalArgumentException("Shamir parts of different lengths");
      }
      x[i] = parts.get(i)[length - 1] & 0xff;
      for (int j = 0; j < i; j++) {
        if (x[j] == x[i]) {
          throw new IllegalArgumentException("two Shamir parts for the same coordinate");
        }
      }
    }
    byte[] secret = new byte[length - 1];
    for (int b = 0; b < secret.length; b++) {
      int result = 0;
      for (int i = 0; i < x.length; i++) {
        int basis = 1;
        for (int j = 0; j < x.length; j++) {
          if (i != j) {
            basis = multiply(basis, divide(x[j], x[i] ^ x[j]));
          }
        }
        result ^= multiply(parts.get(i)[b] & 0xff, basis);
      }
      secret[b] = (byte) result;
    }
    return secret;
  }

  static int multiply(int a, int b) {
    int product = 0;
    for (int i = 7; i >= 0; i--) {
      product = (-((b >>> i) & 1) & a) ^ (-(product >>> 7) & 0x1b) ^ (product << 1);
      product &= 0xff;
    }
    return product;
  }

  private static int divide(int a, int b) {
    return multiply(a, inverse(b));
  }

  /** b^254, the inverse in GF(2^8). */
  private static int inverse(int b) {
    int result = 1;
    for (int i = 0; i < 254; i++) {
      result = multiply(result, b);
    }
    return result;
  }
}
