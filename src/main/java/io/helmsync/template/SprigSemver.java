package io.helmsync.template;

import static io.helmsync.template.GoType.SEMVER_VERSION;
import static io.helmsync.template.GoType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sprig's {@code semver} and {@code semverCompare}, on Masterminds/semver v3's rules: loose
 * versions ({@code v2.1}), and constraints with {@code = != > < >= <= ~ ~> ^}, {@code x}/{@code *}
 * wildcards, hyphen ranges, comma (and) and {@code ||} (or). A version with a prerelease only
 * satisfies a constraint that names a prerelease itself, which is why charts write
 * {@code >=1.19-0} to accept {@code 1.25.3-eks-123}.
 */
final class SprigSemver {
  static final String INVALID = "invalid semantic version";

  private static final Pattern VERSION = Pattern.compile(
      "^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
          + "(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$");
  private static final String CV = "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
      + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
  /** Longer operators first, so {@code >=} is not read as {@code >} then {@code =1.2}. */
  private static final String OPS = "(>=|=>|<=|=<|~>|!=|>|<|=|~|\\^|)";
  private static final Pattern CONSTRAINT = Pattern.compile("^\\s*" + OPS + "\\s*(" + CV + ")\\s*$");
  private static final Pattern FIND_CONSTRAINT = Pattern.compile(OPS + "\\s*(" + CV + ")");
  private static final Pattern VALID_CONSTRAINT =
      Pattern.compile("^(\\s*" + OPS + "\\s*(" + CV + ")\\s*,?)+$");
  private static final Pattern RANGE =
      Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");

  private SprigSemver() {}

  static Functions functions() {
    return Functions.builder()
        .add("semver", GoFunction.of(a -> Version.parse((String) a[0]), STRING))
        .add("semverCompare", GoFunction.of(a -> compare((String) a[0], (String) a[1]), STRING,
            STRING))
        .build();
  }

  private static boolean compare(String constraint, String version) {
    List<List<Constraint>> alternatives = parseConstraints(constraint);
    Version v = Version.parse(version);
    return alternatives.stream().anyMatch(all -> all.stream().allMatch(c -> c.check(v)));
  }

  /**
   * A parsed version; its methods are those of Masterminds' {@code Version}. {@code pointer} tells
   * a {@code *semver.Version} from {@code semver} apart from the {@code semver.Version} value that
   * {@code IncPatch} and friends return: Go offers a method with a pointer receiver
   * ({@code Original}, the comparisons) only on the pointer, as the value is not addressable.
   */
  record Version(long major, long minor, long patch, String prerelease, String metadata,
      String original, boolean pointer) implements GoStruct {
    /** Masterminds' {@code MaxVersionLen}, a guard against huge inputs. */
    private static final int MAX_LENGTH = 256;

    static Version parse(String text) {
      if (GoRunes.utf8(text).length > MAX_LENGTH) {
        throw new GoError("version string is too long (max " + MAX_LENGTH + " bytes)");
      }
      Matcher m = VERSION.matcher(text);
      if (!m.matches()) {
        throw new GoError(INVALID);
      }
      String pre = m.group(5) == null ? "" : m.group(5);
      for (String part : pre.isEmpty() ? new String[0] : pre.split("\\.")) {
        if (part.length() > 1 && part.startsWith("0") && part.chars().allMatch(Character::isDigit)) {
          throw new GoError("version segment starts with 0");
        }
      }
      return new Version(segment(m.group(1)), segment(m.group(2)), segment(m.group(3)), pre,
          m.group(8) == null ? "" : m.group(8), text, true);
    }

    /** A number with or without its leading dot; a missing one is 0. */
    private static long segment(String digits) {
      if (digits == null) {
        return 0;
      }
      String number = digits.startsWith(".") ? digits.substring(1) : digits;
      try {
        return Long.parseUnsignedLong(number);
      } catch (NumberFormatException e) {
        throw new GoError("error parsing version segment: strconv.ParseUint: parsing "
            + GoQuote.quote(number) + ": value out of range");
      }
    }

    @Override
    public String goType() {
      return pointer ? "*semver.Version" : "semver.Version";
    }

    @Override
    public Optional<Object> member(String name) {
      Object method = valueMethod(name);
      return Optional.ofNullable(method == null && pointer ? pointerMethod(name) : method);
    }

    private Object valueMethod(String name) {
      return switch (name) {
        case "Major" -> GoFunction.of(a -> major);
        case "Minor" -> GoFunction.of(a -> minor);
        case "Patch" -> GoFunction.of(a -> patch);
        case "Prerelease" -> GoFunction.of(a -> prerelease);
        case "Metadata" -> GoFunction.of(a -> metadata);
        case "String" -> GoFunction.of(a -> toString());
        case "IncPatch" -> GoFunction.of(a -> incPatch());
        case "IncMinor" -> GoFunction.of(a -> next(major, minor + 1, 0));
        case "IncMajor" -> GoFunction.of(a -> next(major + 1, 0, 0));
        default -> null;
      };
    }

    private Object pointerMethod(String name) {
      return switch (name) {
        case "Original" -> GoFunction.of(a -> original);
        case "Compare" -> GoFunction.of(a -> (long) compareTo(other(a[0])), SEMVER_VERSION);
        case "LessThan" -> GoFunction.of(a -> compareTo(other(a[0])) < 0, SEMVER_VERSION);
        case "LessThanEqual" -> GoFunction.of(a -> compareTo(other(a[0])) <= 0, SEMVER_VERSION);
        case "GreaterThan" -> GoFunction.of(a -> compareTo(other(a[0])) > 0, SEMVER_VERSION);
        case "GreaterThanEqual" ->
            GoFunction.of(a -> compareTo(other(a[0])) >= 0, SEMVER_VERSION);
        case "Equal" -> GoFunction.of(a -> compareTo(other(a[0])) == 0, SEMVER_VERSION);
        default -> null;
      };
    }

    /** A nil {@code *semver.Version} argument makes Go's method dereference nil. */
    private static Version other(Object argument) {
      if (argument == null) {
        throw new GoError("runtime error: invalid memory address or nil pointer dereference");
      }
      return (Version) argument;
    }

    /** A prerelease or build of this patch increments to the patch itself. */
    private Version incPatch() {
      boolean release = prerelease.isEmpty() && metadata.isEmpty();
      return next(major, minor, release ? patch + 1 : patch);
    }

    /** The incremented value drops prerelease and metadata and keeps a leading {@code v}. */
    private Version next(long nextMajor, long nextMinor, long nextPatch) {
      String prefix = original.startsWith("v") ? "v" : "";
      return new Version(nextMajor, nextMinor, nextPatch, "", "",
          prefix + numbers(nextMajor, nextMinor, nextPatch), false);
    }

    /** Major, minor, patch, then prerelease: a release sorts after its prereleases. */
    int compareTo(Version o) {
      int c = Long.compareUnsigned(major, o.major);
      if (c == 0) {
        c = Long.compareUnsigned(minor, o.minor);
      }
      if (c == 0) {
        c = Long.compareUnsigned(patch, o.patch);
      }
      return c != 0 ? Integer.signum(c) : comparePrerelease(prerelease, o.prerelease);
    }

    /** {@code String()}: the canonical form, without the {@code v} and with zeros filled in. */
    @Override
    public String toString() {
      return numbers(major, minor, patch) + (prerelease.isEmpty() ? "" : "-" + prerelease)
          + (metadata.isEmpty() ? "" : "+" + metadata);
    }

    /** The segments are Go uint64s. */
    private static String numbers(long major, long minor, long patch) {
      return Long.toUnsignedString(major) + "." + Long.toUnsignedString(minor) + "."
          + Long.toUnsignedString(patch);
    }
  }

  private static int comparePrerelease(String a, String b) {
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
      return Integer.signum(new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b)));
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  // ---- constraints

  private static List<List<Constraint>> parseConstraints(String text) {
    List<List<Constraint>> alternatives = new ArrayList<>();
    for (String alternative : rewriteRanges(text).split("\\|\\|", -1)) {
      if (!VALID_CONSTRAINT.matcher(alternative).matches()) {
        throw new GoError("improper constraint: " + GoQuote.quote(alternative));
      }
      List<Constraint> all = new ArrayList<>();
      Matcher found = FIND_CONSTRAINT.matcher(alternative);
      while (found.find()) {
        all.add(Constraint.parse(found.group()));
      }
      if (all.isEmpty()) {
        all.add(Constraint.parse(alternative));
      }
      alternatives.add(all);
    }
    return alternatives;
  }

  /** {@code 1.2 - 1.4.5} is {@code >= 1.2, <= 1.4.5}. */
  private static String rewriteRanges(String text) {
    Matcher m = RANGE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11)
          + " "));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean isWildcard(String segment) {
    return segment.equals("x") || segment.equals("X") || segment.equals("*");
  }

  /**
   * One comparison. {@code dirty} means a wildcard or a missing part: {@code minorDirty} for
   * {@code 1} or {@code 1.x}, {@code patchDirty} for {@code 1.2} or {@code 1.2.x}.
   */
  private record Constraint(String op, Version con, boolean dirty, boolean minorDirty,
      boolean patchDirty) {

    static Constraint parse(String text) {
      if (text.isEmpty()) {
        return new Constraint("", Version.parse("0.0.0"), true, false, false);
      }
      Matcher m = CONSTRAINT.matcher(text);
      if (!m.matches()) {
        throw new GoError("improper constraint: " + GoQuote.quote(text));
      }
      String major = m.group(3);
      String minor = m.group(4) == null ? "" : m.group(4);
      String patch = m.group(5) == null ? "" : m.group(5);
      String pre = m.group(6) == null ? "" : m.group(6);
      String version = m.group(2);
      boolean minorDirty = false;
      boolean patchDirty = false;
      boolean dirty = false;
      if (isWildcard(major)) {
        version = "0.0.0" + pre;
        dirty = true;
      } else if (minor.isEmpty() || isWildcard(minor.substring(1))) {
        version = major + ".0.0" + pre;
        dirty = minorDirty = true;
      } else if (patch.isEmpty() || isWildcard(patch.substring(1))) {
        version = major + minor + ".0" + pre;
        dirty = patchDirty = true;
      }
      try {
        return new Constraint(m.group(1), Version.parse(version), dirty, minorDirty, patchDirty);
      } catch (GoError e) {
        throw new GoError("constraint parser error");
      }
    }

    boolean check(Version v) {
      if (!v.prerelease().isEmpty() && con.prerelease().isEmpty()) {
        // A prerelease satisfies only constraints that ask for prereleases.
        return false;
      }
      return switch (op) {
        case "", "=" -> dirty ? tilde(v) : v.compareTo(con) == 0;
        case "!=" -> notEqual(v);
        case ">" -> greaterThan(v);
        case "<" -> v.compareTo(con) < 0;
        case ">=", "=>" -> v.compareTo(con) >= 0;
        case "<=", "=<" -> lessThanOrEqual(v);
        case "~", "~>" -> tilde(v);
        case "^" -> caret(v);
        default -> throw new IllegalStateException("operator " + op);
      };
    }

    private boolean notEqual(Version v) {
      if (dirty) {
        if (con.major() != v.major()) {
          return true;
        }
        if (con.minor() != v.minor() && !minorDirty) {
          return true;
        } else if (minorDirty) {
          return false;
        } else if (con.patch() != v.patch() && !patchDirty) {
          return true;
        } else if (patchDirty) {
          return comparePrerelease(v.prerelease(), con.prerelease()) != 0;
        }
      }
      return v.compareTo(con) != 0;
    }

    private boolean greaterThan(Version v) {
      if (!dirty) {
        return v.compareTo(con) > 0;
      }
      if (v.major() != con.major()) {
        return Long.compareUnsigned(v.major(), con.major()) > 0;
      }
      if (minorDirty) {
        return false;
      }
      if (patchDirty) {
        return Long.compareUnsigned(v.minor(), con.minor()) > 0;
      }
      return v.compareTo(con) > 0;
    }

    private boolean lessThanOrEqual(Version v) {
      if (!dirty) {
        return v.compareTo(con) <= 0;
      }
      if (Long.compareUnsigned(v.major(), con.major()) > 0) {
        return false;
      }
      return !(v.major() == con.major() && Long.compareUnsigned(v.minor(), con.minor()) > 0
          && !minorDirty);
    }

    private boolean tilde(Version v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() == 0 && con.minor() == 0 && con.patch() == 0 && !minorDirty && !patchDirty) {
        return true;
      }
      if (v.major() != con.major()) {
        return false;
      }
      return v.minor() == con.minor() || minorDirty;
    }

    private boolean caret(Version v) {
      if (v.compareTo(con) < 0) {
        return false;
      }
      if (con.major() > 0 || minorDirty) {
        return v.major() == con.major();
      }
      if (v.major() > 0) {
        return false;
      }
      if (con.minor() > 0 || patchDirty) {
        return v.minor() == con.minor();
      }
      if (v.minor() > 0) {
        return false;
      }
      return con.patch() == v.patch();
    }
  }
}
