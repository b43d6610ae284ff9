package io.helmsync.model;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version read as Masterminds/semver v3 reads it (loose: {@code v2.1} is {@code 2.1.0}), shared
 * by Sprig's {@code semver} functions and the chart repositories' version selection so that a
 * constraint means the same in a template and in {@code version:}.
 *
 * @param original the text as written, e.g. {@code v2.1}
 */
public record SemanticVersion(
    long major, long minor, long patch, String prerelease, String metadata, String original)
    implements Comparable<SemanticVersion> {
  /** Masterminds' {@code MaxVersionLen}, a guard against huge inputs. */
  private static final int MAX_LENGTH = 256;

  private static final Pattern VERSION =
      Pattern.compile(
          "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
              + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");

  /**
   * @throws IllegalArgumentException with Masterminds' message when the text is no version
   */
  public static SemanticVersion parse(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "version string is too long (max " + MAX_LENGTH + " bytes)");
    }
    Matcher m = VERSION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid semantic version");
    }
    String pre = m.group(5) == null ? "" : m.group(5);
    for (String part : pre.isEmpty() ? new String[0] : pre.split("\\.")) {
      if (part.length() > 1 && part.startsWith("0") && part.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("version segment starts with 0");
      }
    }
    return new SemanticVersion(
        segment(m.group(1)),
        segment(m.group(2)),
        segment(m.group(3)),
        pre,
        m.group(8) == null ? "" : m.group(8),
        text);
  }

  /** True when {@link #parse} accepts the text. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A number with or without its leading dot; a missing one is 0. Segments are Go uint64s. */
  private static long segment(String digits) {
    if (digits == null) {
      return 0;
    }
    String number = digits.startsWith(".") ? digits.substring(1) : digits;
    try {
      return Long.parseUnsignedLong(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "error parsing version segment: strconv.ParseUint: "
              + "parsing \""
              + number
              + "\": value out of range");
    }
  }

  /** Major, minor, patch, then prerelease: a release sorts after its prereleases. */
  @Override
  public int compareTo(SemanticVersion o) {
    int c = Long.compareUnsigned(major, o.major);
    if (c == 0) {
      c = Long.compareUnsigned(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compareUnsigned(patch, o.patch);
    }
    return c != 0 ? Integer.signum(c) : comparePrerelease(prerelease, o.prerelease);
  }

  /** The same version with other numbers and neither prerelease nor metadata; keeps a {@code v}. */
  public SemanticVersion withNumbers(long nextMajor, long nextMinor, long nextPatch) {
    String prefix = original.startsWith("v") ? "v" : "";
    return new SemanticVersion(
        nextMajor, nextMinor, nextPatch, "", "", prefix + numbers(nextMajor, nextMinor, nextPatch));
  }

  /** {@code String()}: the canonical form, without the {@code v} and with zeros filled in. */
  @Override
  public String toString() {
    return numbers(major, minor, patch)
        + (prerelease.isEmpty() ? "" : "-" + prerelease)
        + (metadata.isEmpty() ? "" : "+" + metadata);
  }

  private static String numbers(long major, long minor, long patch) {
    return Long.toUnsignedString(major)
        + "."
        + Long.toUnsignedString(minor)
        + "."
        + Long.toUnsignedString(patch);
  }

  static int comparePrerelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1;
    }
    if (b.isEmpty()) {
      return -1;
    }
    String[] as = a.split("\\.");
    String[] bs = b.split("\\.");
    for (int i = 0; i < Math.max(as.length, bs.length); i++) {
      if (i >= as.length) {
        return -1;
      }
      if (i >= bs.length) {
        return 1;
      }
      int c = compareIdentifier(as[i], bs[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Numbers compare as numbers and sort before words; words compare as text. */
  private static int compareIdentifier(String a, String b) {
    boolean an = a.chars().allMatch(Character::isDigit);
    boolean bn = b.chars().allMatch(Character::isDigit);
    if (an && bn) {
      return Integer.signum(new BigInteger(a).compareTo(new BigInteger(b)));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }
}
