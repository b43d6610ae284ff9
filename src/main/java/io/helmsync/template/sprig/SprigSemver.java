package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.model.SemanticVersion;
import io.helmsync.model.VersionConstraint;
import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoType;
import java.util.Optional;

/**
 * Sprig's {@code semver} and {@code semverCompare}, on Masterminds/semver v3's rules: {@link
 * SemanticVersion} and {@link VersionConstraint}, which chart repositories use too, given Go's
 * types, methods and error texts here.
 */
final class SprigSemver {
  private SprigSemver() {}

  static Functions functions() {
    return Functions.builder()
        .add("semver", GoFunction.of(a -> Version.parse((String) a[0]), STRING))
        .add(
            "semverCompare",
            GoFunction.of(a -> compare((String) a[0], (String) a[1]), STRING, STRING))
        .build();
  }

  private static boolean compare(String constraint, String version) {
    VersionConstraint parsed;
    try {
      parsed = VersionConstraint.parse(constraint);
    } catch (VersionConstraint.Invalid e) {
      throw new GoError(
          e.improper() == null
              ? e.getMessage()
              : "improper constraint: " + GoQuote.quote(e.improper()));
    }
    return parsed.matches(Version.parse(version).value());
  }

  /**
   * A parsed version as a Go value; its methods are those of Masterminds' {@code Version}. {@code
   * pointer} tells a {@code *semver.Version} from {@code semver} apart from the {@code
   * semver.Version} value that {@code IncPatch} and friends return: Go offers a method with a
   * pointer receiver ({@code Original}, the comparisons) only on the pointer, as the value is not
   * addressable.
   */
  record Version(SemanticVersion value, boolean pointer) implements GoStruct {
    /** {@code *semver.Version}, which the comparison methods take. */
    static final GoType POINTER =
        new GoType.Named(
            "*semver.Version",
            true,
            value -> value instanceof Version version && version.pointer());

    static Version parse(String text) {
      try {
        return new Version(SemanticVersion.parse(text), true);
      } catch (IllegalArgumentException e) {
        throw new GoError(e.getMessage());
      }
    }

    @Override
    public String goType() {
      return pointer ? POINTER.goName() : "semver.Version";
    }

    @Override
    public Optional<Object> member(String name) {
      Object method = valueMethod(name);
      return Optional.ofNullable(method == null && pointer ? pointerMethod(name) : method);
    }

    private Object valueMethod(String name) {
      return switch (name) {
        case "Major" -> GoFunction.of(a -> value.major());
        case "Minor" -> GoFunction.of(a -> value.minor());
        case "Patch" -> GoFunction.of(a -> value.patch());
        case "Prerelease" -> GoFunction.of(a -> value.prerelease());
        case "Metadata" -> GoFunction.of(a -> value.metadata());
        case "String" -> GoFunction.of(a -> toString());
        case "IncPatch" -> GoFunction.of(a -> incPatch());
        case "IncMinor" -> GoFunction.of(a -> next(value.major(), value.minor() + 1, 0));
        case "IncMajor" -> GoFunction.of(a -> next(value.major() + 1, 0, 0));
        default -> null;
      };
    }

    private Object pointerMethod(String name) {
      return switch (name) {
        case "Original" -> GoFunction.of(a -> value.original());
        case "Compare" -> GoFunction.of(a -> (long) compareTo(other(a[0])), POINTER);
        case "LessThan" -> GoFunction.of(a -> compareTo(other(a[0])) < 0, POINTER);
        case "LessThanEqual" -> GoFunction.of(a -> compareTo(other(a[0])) <= 0, POINTER);
        case "GreaterThan" -> GoFunction.of(a -> compareTo(other(a[0])) > 0, POINTER);
        case "GreaterThanEqual" -> GoFunction.of(a -> compareTo(other(a[0])) >= 0, POINTER);
        case "Equal" -> GoFunction.of(a -> compareTo(other(a[0])) == 0, POINTER);
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

    private int compareTo(Version other) {
      return value.compareTo(other.value);
    }

    /** A prerelease or build of this patch increments to the patch itself. */
    private Version incPatch() {
      boolean release = value.prerelease().isEmpty() && value.metadata().isEmpty();
      return next(value.major(), value.minor(), release ? value.patch() + 1 : value.patch());
    }

    /** The incremented value drops prerelease and metadata and keeps a leading {@code v}. */
    private Version next(long major, long minor, long patch) {
      return new Version(value.withNumbers(major, minor, patch), false);
    }

    /** {@code String()}: the canonical form, without the {@code v} and with zeros filled in. */
    @Override
    public String toString() {
      return value.toString();
    }
  }
}
