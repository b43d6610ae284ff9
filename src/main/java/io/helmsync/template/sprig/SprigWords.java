package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.INT;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoRunes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The string functions Sprig takes from Masterminds/goutils: abbreviation, wrapping, initials, case
 * swaps and random strings. goutils indexes strings by byte, so non-ASCII text is cut and read
 * byte-wise here too: Helm users see exactly these results.
 */
final class SprigWords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";

  private SprigWords() {}

  static Functions functions() {
    return Functions.builder()
        .add("abbrev", GoFunction.of(a -> abbrev((Long) a[0], (String) a[1]), INT, STRING))
        .add(
            "abbrevboth",
            GoFunction.of(
                a -> abbrevboth((Long) a[0], (Long) a[1], (String) a[2]), INT, INT, STRING))
        .add("initials", SprigStrings.str(SprigWords::initials))
        .add("nospace", SprigStrings.str(SprigWords::deleteWhiteSpace))
        .add("untitle", SprigStrings.str(SprigWords::uncapitalize))
        .add("swapcase", SprigStrings.str(SprigWords::swapCase))
        .add("wrap", GoFunction.of(a -> wrap((String) a[1], (Long) a[0], "", false), INT, STRING))
        .add(
            "wrapWith",
            GoFunction.of(
                a -> wrap((String) a[2], (Long) a[0], (String) a[1], true), INT, STRING, STRING))
        .add("randAlphaNum", GoFunction.of(a -> random((Long) a[0], LETTERS + DIGITS), INT))
        .add("randAlpha", GoFunction.of(a -> random((Long) a[0], LETTERS), INT))
        .add("randNumeric", GoFunction.of(a -> random((Long) a[0], DIGITS), INT))
        .add("randAscii", GoFunction.of(a -> random((Long) a[0], printableAscii()), INT))
        .build();
  }

  /** Sprig's {@code abbrev}: widths under 4 leave the string alone. */
  private static String abbrev(long width, String s) {
    return width < 4 ? s : abbreviate(s, 0, width);
  }

  /** Sprig's {@code abbrevboth}: its guards mean goutils' width errors cannot happen. */
  private static String abbrevboth(long left, long right, String s) {
    return right < 4 || left > 0 && right < 7 ? s : abbreviate(s, left, right);
  }

  /** goutils' {@code AbbreviateFull}, on UTF-8 bytes. */
  private static String abbreviate(String s, long offset, long maxWidth) {
    byte[] bytes = GoRunes.utf8(s);
    int length = bytes.length;
    if (length <= maxWidth) {
      return s;
    }
    long start = Math.min(offset, length);
    if (length - start < maxWidth - 3) {
      start = length - (maxWidth - 3);
    }
    if (start <= 4) {
      return GoRunes.slice(bytes, 0, (int) maxWidth - 3) + "...";
    }
    if (start + maxWidth - 3 < length) {
      return "..." + abbreviate(GoRunes.slice(bytes, (int) start, length), 0, maxWidth - 3);
    }
    return "..." + GoRunes.slice(bytes, length - (int) (maxWidth - 3), length);
  }

  /** goutils' {@code Initials}: reads bytes as runes, so non-ASCII initials come out garbled. */
  private static String initials(String s) {
    byte[] bytes = GoRunes.utf8(s);
    StringBuilder out = new StringBuilder();
    boolean lastWasGap = true;
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (GoRunes.isSpace(c)) {
        lastWasGap = true;
      } else if (lastWasGap) {
        out.appendCodePoint(c);
        lastWasGap = false;
      }
    }
    return out.toString();
  }

  /**
   * goutils' {@code DeleteWhiteSpace}: byte-wise, so bytes 0x85 and 0xA0 inside UTF-8 sequences
   * count as spaces; a string without any space comes back unchanged.
   */
  private static String deleteWhiteSpace(String s) {
    byte[] bytes = GoRunes.utf8(s);
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (!GoRunes.isSpace(c)) {
        out.append((char) c);
      }
    }
    return out.length() == bytes.length ? s : out.toString();
  }

  /** goutils' {@code Uncapitalize}: lower-cases the first rune of each space-separated word. */
  private static String uncapitalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean next = true;
    for (int c : s.codePoints().toArray()) {
      if (GoRunes.isSpace(c)) {
        next = true;
        out.appendCodePoint(c);
      } else {
        out.appendCodePoint(next ? Character.toLowerCase(c) : c);
        next = false;
      }
    }
    return out.toString();
  }

  /** goutils' {@code SwapCase}: a lower-case letter starting a word becomes title case. */
  private static String swapCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean whitespace = true;
    for (int c : s.codePoints().toArray()) {
      if (GoRunes.isUpper(c) || GoRunes.isTitle(c)) {
        out.appendCodePoint(Character.toLowerCase(c));
        whitespace = false;
      } else if (GoRunes.isLower(c)) {
        out.appendCodePoint(whitespace ? Character.toTitleCase(c) : Character.toUpperCase(c));
        whitespace = false;
      } else {
        out.appendCodePoint(c);
        whitespace = GoRunes.isSpace(c);
      }
    }
    return out.toString();
  }

  /**
   * goutils' {@code WrapCustom}: breaks at the last space within the width (byte columns); long
   * words are cut when {@code wrapLongWords}, else kept whole up to the next space.
   */
  private static String wrap(String s, long width, String newLine, boolean wrapLongWords) {
    byte[] str = GoRunes.utf8(s);
    byte[] separator = (newLine.isEmpty() ? "\n" : newLine).getBytes(StandardCharsets.UTF_8);
    int wrapLength = (int) Math.min(Math.max(width, 1), Integer.MAX_VALUE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int offset = 0;
    while (str.length - offset > wrapLength) {
      if (str[offset] == ' ') {
        offset++;
        continue;
      }
      int space = lastSpace(str, offset, wrapLength + offset + 1);
      if (space >= 0) {
        out.write(str, offset, space - offset);
        out.writeBytes(separator);
        offset = space + 1;
      } else if (wrapLongWords) {
        out.write(str, offset, wrapLength);
        out.writeBytes(separator);
        offset += wrapLength;
      } else {
        int next = firstSpace(str, wrapLength + offset);
        int end = next < 0 ? str.length : next;
        out.write(str, offset, end - offset);
        if (next >= 0) {
          out.writeBytes(separator);
        }
        offset = next < 0 ? str.length : next + 1;
      }
    }
    out.write(str, offset, str.length - offset);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int lastSpace(byte[] str, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (str[i] == ' ') {
        return i;
      }
    }
    return -1;
  }

  private static int firstSpace(byte[] str, int from) {
    for (int i = from; i < str.length; i++) {
      if (str[i] == ' ') {
        return i;
      }
    }
    return -1;
  }

  /**
   * goutils' {@code CryptoRandom*}: count characters drawn uniformly from the alphabet with a
   * cryptographic source; a negative count is goutils' error, which Sprig drops for "".
   */
  private static String random(long count, String alphabet) {
    if (count <= 0) {
      return "";
    }
    StringBuilder out = new StringBuilder((int) count);
    for (long i = 0; i < count; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private static String printableAscii() {
    StringBuilder chars = new StringBuilder();
    for (char c = ' '; c <= '~'; c++) {
      chars.append(c);
    }
    return chars.toString();
  }
}
