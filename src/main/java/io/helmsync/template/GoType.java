package io.helmsync.template;

import java.util.List;
import java.util.Map;

/**
 * The parameter types a template function can declare. Go's executor converts literal arguments to
 * the declared type and refuses values of another type ("wrong type for value; expected int; got
 * float64"), which Helm users meet daily; declaring the types reproduces those rules.
 */
public enum GoType {
  /** {@code interface{}}: any value; a missing value arrives as {@code null}. */
  ANY("interface {}"),
  /** {@code reflect.Value}: any value as is, {@link NoValue#NO_VALUE} included (builtins only). */
  VALUE("reflect.Value"),
  STRING("string"),
  INT("int"),
  INT64("int64"),
  FLOAT64("float64"),
  BOOL("bool"),
  MAP("map[string]interface {}"),
  LIST("[]interface {}"),
  /** Sprig's {@code certificate} struct, which {@code genSignedCert} takes as its CA. */
  CERTIFICATE("sprig.certificate"),
  /** Masterminds' {@code *semver.Version}, which its comparison methods take. */
  SEMVER_VERSION("*semver.Version"),
  /** Go's {@code time.Time}, which Sprig's date functions and its own methods take. */
  TIME("time.Time");

  private final String goName;

  GoType(String goName) {
    this.goName = goName;
  }

  public String goName() {
    return goName;
  }

  /** Whether Go could assign an untyped nil to a parameter of this type. */
  boolean canBeNil() {
    return this == ANY || this == VALUE || this == MAP || this == LIST || this == SEMVER_VERSION;
  }

  /** Whether a (non-nil, valid) value is assignable to this type. */
  boolean accepts(Object value) {
    return switch (this) {
      case ANY, VALUE -> true;
      case STRING -> value instanceof String;
      case INT -> value instanceof Long;
      case INT64 -> value instanceof Int64;
      case FLOAT64 -> value instanceof Double;
      case BOOL -> value instanceof Boolean;
      case MAP -> value instanceof Map;
      case LIST -> value instanceof List;
      case CERTIFICATE -> value instanceof SprigCertificate;
      case SEMVER_VERSION -> value instanceof SprigSemver.Version v && v.pointer();
      case TIME -> value instanceof GoTime;
    };
  }
}
