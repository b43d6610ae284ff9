package io.helmsync.template.golib;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The parameter types a template function can declare. Go's executor converts literal arguments to
 * the declared type and refuses values of another type ("wrong type for value; expected int; got
 * float64"), which Helm users meet daily; declaring the types reproduces those rules.
 *
 * <p>Go's own types are {@link Basic}; a library that takes its own struct (Sprig's certificate,
 * Masterminds' version) declares it as a {@link Named} type where it defines the struct, so this
 * package needs to know none of them.
 */
public sealed interface GoType permits GoType.Basic, GoType.Named {
  GoType ANY = Basic.ANY;
  GoType VALUE = Basic.VALUE;
  GoType STRING = Basic.STRING;
  GoType INT = Basic.INT;
  GoType INT64 = Basic.INT64;
  GoType FLOAT64 = Basic.FLOAT64;
  GoType BOOL = Basic.BOOL;
  GoType MAP = Basic.MAP;
  GoType LIST = Basic.LIST;

  /** Go's {@code time.Time}, which Sprig's date functions and its own methods take. */
  GoType TIME = new Named("time.Time", false, GoTime.class::isInstance);

  /** The name Go's messages give the type. */
  String goName();

  /** Whether Go could assign an untyped nil to a parameter of this type. */
  boolean canBeNil();

  /** Whether a (non-nil, valid) value is assignable to this type. */
  boolean accepts(Object value);

  /** The types of the Go language that template values have. */
  enum Basic implements GoType {
    /** {@code interface{}}: any value; a missing value arrives as {@code null}. */
    ANY("interface {}"),
    /** {@code reflect.Value}: any value as is, {@link NoValue#NO_VALUE} included (builtins). */
    VALUE("reflect.Value"),
    STRING("string"),
    INT("int"),
    INT64("int64"),
    FLOAT64("float64"),
    BOOL("bool"),
    MAP("map[string]interface {}"),
    LIST("[]interface {}");

    private final String goName;

    Basic(String goName) {
      this.goName = goName;
    }

    @Override
    public String goName() {
      return goName;
    }

    @Override
    public boolean canBeNil() {
      return this == ANY || this == VALUE || this == MAP || this == LIST;
    }

    @Override
    public boolean accepts(Object value) {
      return switch (this) {
        case ANY, VALUE -> true;
        case STRING -> value instanceof String;
        case INT -> value instanceof Long;
        case INT64 -> value instanceof Int64;
        case FLOAT64 -> value instanceof Double;
        case BOOL -> value instanceof Boolean;
        case MAP -> value instanceof Map;
        case LIST -> value instanceof List;
      };
    }
  }

  /**
   * A struct type of a library, or a pointer to one.
   *
   * @param goName the name in messages, e.g. {@code *semver.Version}
   * @param canBeNil whether it is a pointer, to which nil can be assigned
   * @param instances which values are of this type
   */
  record Named(String goName, boolean canBeNil, Predicate<Object> instances) implements GoType {
    @Override
    public boolean accepts(Object value) {
      return instances.test(value);
    }
  }
}
