package io.helmsync.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Masterminds/semver v3 constraint, as Helm reads a chart's {@code version:} and Sprig's {@code
 * semverCompare} reads its first argument: {@code = != > < >= <= ~ ~> ^}, {@code x}/{@code *}
 * wildcards, hyphen ranges, comma (and) and {@code ||} (or). A version with a prerelease only
 * satisfies a constraint that names a prerelease itself, which is why charts write {@code >=1.19-0}
 * to accept {@code 1.25.3-eks-123}.
 *
 * @param text the constraint as written
 */
public record VersionConstraint(String text, List<List<Comparison>> alternatives) {
  private static final String CV =
      "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?"
          + "(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";

  /** Longer operators first, so {@code >=} is not read as {@code >} then {@code =1.2}. */
  private static final String OPS = "(>=|=>|<=|=<|~>|!=|>|<|=|~|\\^|)";

  private static final Pattern COMPARISON =
      Pattern.compile("^\\s*" + OPS + "\\s*(" + CV + ")\\s*$");
  private static final Pattern FIND_COMPARISON = Pattern.compile(OPS + "\\s*(" + CV + ")");
  private static final Pattern VALID =
      Pattern.compile("^(\\s*" + OPS + "\\s*(" + CV + ")\\s*,?)+$");
  private static final Pattern RANGE = Pattern.compile("\\s*(" + CV + ")\\s+-\\s+(" + CV + ")\\s*");

  public VersionConstraint {
    alternatives = alternatives.stream().map(List::copyOf).toList();
  }

  /**
   * @throws Invalid when the text is not a constraint
   */
  public static VersionConstraint parse(String text) {
    List<List<Comparison>> alternatives = new ArrayList<>();
    for (String alternative : rewriteRanges(text).split("\\|\\|", -1)) {
      if (!VALID.matcher(alternative).matches()) {
        throw new Invalid(alternative);
      }
      List<Comparison> all = new ArrayList<>();
      Matcher found = FIND_COMPARISON.matcher(alternative);
      while (found.find()) {
        all.add(Comparison.parse(found.group()));
      }
      if (all.isEmpty()) {
        all.add(Comparison.parse(alternative));
      }
      alternatives.add(all);
    }
    return new VersionConstraint(text, alternatives);
  }

  /** True when every comparison of one alternative holds. */
  public boolean matches(SemanticVersion version) {
    return alternatives.stream().anyMatch(all -> all.stream().allMatch(c -> c.check(version)));
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * A constraint that does not parse; {@link #improper()} is the part that is wrong, or null when a
   * version inside it is (Masterminds' "constraint parser error").
   */
  public static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String improper;

    Invalid(String improper) {
      super(
          improper == null
              ? "constraint parser error"
              : "improper constraint: \"" + improper + "\"");
      this.improper = improper;
    }

    public String improper() {
      return improper;
    }
  }

  /** {@code 1.2 - 1.4.5} is {@code >= 1.2, <= 1.4.5}. */
  private static String rewriteRanges(String text) {
    Matcher m = RANGE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(">= " + m.group(1) + ", <= " + m.group(11) + " "));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean isWildcard(String segment) {
    return segment.equals("x") || segment.equals("X") || segment.equals("*");
  }

  /**
   * One comparison. {@code dirty} means a wildcard or a missing part: {@code minorDirty} for {@code
   * 1} or {@code 1.x}, {@code patchDirty} for {@code 1.2} or {@code 1.2.x}.
   */
  public record Comparison(
      String op, SemanticVersion con, boolean dirty, boolean minorDirty, boolean patchDirty) {

    static Comparison parse(String text) {
      if (text.isEmpty()) {
        return new Comparison("", SemanticVersion.parse("0.0.0"), true, false, false);
      }
      Matcher m = COMPARISON.matcher(text);
      if (!m.matches()) {
        throw new Invalid(text);
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
        return new Comparison(
            m.group(1), SemanticVersion.parse(version), dirty, minorDirty, patchDirty);
      } catch (IllegalArgumentException e) {
        throw new Invalid(null);
      }
    }

    boolean check(SemanticVersion v) {
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

    private boolean notEqual(SemanticVersion v) {
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
          return SemanticVersion.comparePrerelease(v.prerelease(), con.prerelease()) != 0;
        }
      }
      return v.compareTo(con) != 0;
    }

    private boolean greaterThan(SemanticVersion v) {
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

    private boolean lessThanOrEqual(SemanticVersion v) {
      if (!dirty) {
        return v.compareTo(con) <= 0;
      }
      if (Long.compareUnsigned(v.major(), con.major()) > 0) {
        return false;
      }
      return !(v.major() == con.major()
          && Long.compareUnsigned(v.minor(), con.minor()) > 0
          && !minorDirty);
    }

    private boolean tilde(SemanticVersion v) {
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

    private boolean caret(SemanticVersion v) {
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
