package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.INT;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Sprig's random values that are not strings ({@code randBytes}, {@code randInt}, {@code uuidv4});
 * the random strings are in {@link SprigWords}. Go panics on a negative count or an empty range,
 * and the template reports the panic's message, reproduced here.
 */
final class SprigRandom {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SprigRandom() {}

  static Functions functions() {
    return Functions.builder()
        .add("randBytes", GoFunction.of(a -> randBytes((Long) a[0]), INT))
        .add("randInt", GoFunction.of(a -> randInt((Long) a[0], (Long) a[1]), INT, INT))
        .add("uuidv4", GoFunction.of(a -> UUID.randomUUID().toString()))
        .build();
  }

  /** {@code crypto/rand} bytes in standard base64. */
  private static String randBytes(long count) {
    if (count < 0 || count > Integer.MAX_VALUE) {
      throw new GoError("runtime error: makeslice: len out of range");
    }
    byte[] bytes = new byte[(int) count];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** {@code rand.Intn(max-min) + min}: from min inclusive to max exclusive. */
  private static long randInt(long min, long max) {
    long n = max - min;
    if (n <= 0) {
      throw new GoError("invalid argument to Intn");
    }
    return min + RANDOM.nextLong(n);
  }
}
