package io.helmsync.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways one secret can appear in rendered text: as is, in hex ({@code printf "%x"}), and inside
 * the base64 ({@code b64enc}) or base32 ({@code b32enc}) of any string that contains it. These
 * encoders work on groups of bytes (3 for base64, 5 for base32), so the secret inside {@code
 * "Bearer " + key} encodes differently for each offset at which it starts in a group; only the
 * groups that hold nothing but the secret's bytes come out the same whatever surrounds it. There is
 * one form per offset: that run of whole groups, widened to the partial groups at both ends, so
 * that the secret's first and last bytes (which share those groups with its neighbours) are hidden
 * too. A secret too short to fill one whole group at some offset has no form there.
 */
final class SecretForms {
  private static final Encoding BASE64 =
      new Encoding(
          3, 4, "A-Za-z0-9+/", bytes -> Base64.getEncoder().withoutPadding().encodeToString(bytes));
  private static final Encoding BASE32 = new Encoding(5, 8, "A-Z2-7", SecretForms::base32);
  private static final char[] BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private SecretForms() {}

  /**
   * One way a secret shows.
   *
   * @param core text that every occurrence contains, checked before the pattern runs
   * @param pattern what is replaced: the core, and for encodings the partial groups around it
   */
  record Form(String core, Pattern pattern) {
    String mask(String text, String replacement) {
      return text.contains(core)
          ? pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement))
          : text;
    }
  }

  /** Every form of a non-empty secret. */
  static List<Form> of(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String hex = HexFormat.of().formatHex(bytes);
    List<Form> forms = new ArrayList<>();
    forms.add(literal(secret));
    forms.add(literal(hex));
    forms.add(literal(hex.toUpperCase(Locale.ROOT)));
    forms.addAll(BASE64.forms(bytes));
    forms.addAll(BASE32.forms(bytes));
    return forms;
  }

  private static Form literal(String text) {
    return new Form(text, Pattern.compile(Pattern.quote(text)));
  }

  /**
   * A group encoding.
   *
   * @param groupBytes bytes per group
   * @param groupChars characters per group
   * @param alphabet the characters of the encoding, as a regular-expression class body
   * @param encoder encodes whole groups, without padding
   */
  private record Encoding(
      int groupBytes, int groupChars, String alphabet, Function<byte[], String> encoder) {
    List<Form> forms(byte[] secret) {
      List<Form> forms = new ArrayList<>();
      for (int offset = 0; offset < groupBytes; offset++) {
        int lead = (groupBytes - offset) % groupBytes;
        int groups = Math.max(secret.length - lead, 0) / groupBytes;
        if (groups == 0) {
          continue;
        }
        int end = lead + groups * groupBytes;
        String core = encoder.apply(Arrays.copyOfRange(secret, lead, end));
        String before = lead > 0 ? "(?:[" + alphabet + "]{" + groupChars + "})?" : "";
        String after = end < secret.length ? "(?:[" + alphabet + "]{2," + groupChars + "}=*)?" : "";
        forms.add(new Form(core, Pattern.compile(before + Pattern.quote(core) + after)));
      }
      return forms;
    }
  }

  /** RFC 4648 base32 (Go's {@code base32.StdEncoding}) of whole 5-byte groups. */
  private static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 8 / 5);
    for (int i = 0; i + 5 <= bytes.length; i += 5) {
      long group = 0;
      for (int j = 0; j < 5; j++) {
        group = (group << 8) | (bytes[i + j] & 0xff);
      }
      for (int shift = 35; shift >= 0; shift -= 5) {
        out.append(BASE32_ALPHABET[(int) (group >>> shift) & 31]);
      }
    }
    return out.toString();
  }
}
