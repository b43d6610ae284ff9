package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sprig's {@code semver} and {@code semverCompare} on Masterminds/semver v3.5, as Helm 3.21 ships
 * it; every expected text was rendered by Helm (the same cases, and more, are proven against Helm
 * in {@code conformance/sprig-semver-dates.yaml}).
 */
class SprigSemverTest extends FunctionCases {
  @Override
  Functions functions() {
    return Sprig.functions();
  }

  @Override
  Object data() {
    return Map.of();
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ $v := semver \"1.2.3-beta.1+build.5\" }}{{ $v.Major }} {{ $v.Minor }} "
                + "{{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }}",
            "1 2 3 beta.1 build.5 1.2.3-beta.1+build.5"),
        new Case(
            "{{ semver \"v2.1\" }} {{ (semver \"v2.1\").Original }} "
                + "{{ typeOf (semver \"3\") }}",
            "2.1.0 v2.1 *semver.Version"),
        new Case(
            "{{ semver \"1.2.3\" | toJson }} {{ list (semver \"1.2.3\") }}", "\"1.2.3\" [1.2.3]"),
        new Case(
            "{{ $v := semver \"1.2.3\" }}{{ $v.Compare (semver \"1.3.0\") }} "
                + "{{ $v.GreaterThan (semver \"1.2.2\") }} {{ $v.Equal (semver \"1.2.3+x\") }} "
                + "{{ $v.LessThanEqual (semver \"1.2.3\") }} "
                + "{{ $v.GreaterThanEqual (semver \"1.2.4\") }}",
            "-1 true true true false"),
        new Case(
            "{{ $v := semver \"v1.2.3\" }}{{ $v.IncPatch }} {{ $v.IncMinor }} "
                + "{{ $v.IncMajor }} {{ typeOf $v.IncMajor }}",
            "1.2.4 1.3.0 2.0.0 semver.Version"),
        new Case(
            "{{ (semver \"1.2.3-rc.1+m\").IncPatch }} "
                + "{{ (semver \"1.2.3+m\").IncPatch.Major }}",
            "1.2.3 1"),
        new Case(
            "{{ semverCompare \">=1.19-0\" \"1.25.3-eks-123\" }} "
                + "{{ semverCompare \">=1.19\" \"1.25.3-eks-123\" }}",
            "true false"),
        new Case(
            "{{ semverCompare \"~1.2.3\" \"1.2.9\" }} "
                + "{{ semverCompare \"~1.2.3\" \"1.3.0\" }} "
                + "{{ semverCompare \"^0.2.3\" \"0.2.9\" }} {{ semverCompare \"^0.2.3\" \"0.3.0\" }}",
            "true false true false"),
        new Case(
            "{{ semverCompare \"1.x\" \"1.4.0\" }} {{ semverCompare \"*\" \"1.2.3-beta\" }} "
                + "{{ semverCompare \"!=1.x\" \"2.0.0\" }} {{ semverCompare \">1.2.x\" \"1.2.9\" }}",
            "true false true false"),
        new Case(
            "{{ semverCompare \"1.2 - 1.4.5\" \"1.4.5\" }} "
                + "{{ semverCompare \">=1.2, <1.3 || >=2\" \"2.1.0\" }} "
                + "{{ semverCompare \">=1.2 <1.3\" \"1.3.0\" }}",
            "true true false"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ semver \"\" }}", "error calling semver: invalid semantic version"),
        new Case(
            "{{ semver \"1.2.3-01\" }}", "error calling semver: version segment starts with 0"),
        new Case(
            "{{ semver \"99999999999999999999.0.0\" }}",
            "error calling semver: error parsing version segment: strconv.ParseUint: parsing "
                + "\"99999999999999999999\": value out of range"),
        new Case(
            "{{ repeat 257 \"1\" | semver }}",
            "error calling semver: version string is too long (max 256 bytes)"),
        new Case(
            "{{ semverCompare \"bad constraint\" \"1.0.0\" }}",
            "error calling semverCompare: improper constraint: \"bad constraint\""),
        new Case(
            "{{ semverCompare \">1.0\" \"x.y\" }}",
            "error calling semverCompare: invalid semantic version"),
        new Case(
            "{{ (semver \"1.2.3\").Compare \"1.2.3\" }}",
            "can't handle \"1.2.3\" for arg of type *semver.Version"),
        new Case(
            "{{ (semver \"1.2.3\").Compare nil }}",
            "error calling Compare: runtime error: invalid memory address or nil pointer "
                + "dereference"),
        new Case(
            "{{ (semver \"1.2.3\").IncPatch.Original }}",
            "can't evaluate field Original in type semver.Version"));
  }
}
