package io.helmsync.template.golib;

import java.time.temporal.TemporalAccessor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Go's view of Java values: type names, kinds and truth, as the executor and functions need. */
public final class GoValues {
  /** Go sorts string map keys byte-wise; code point order is the same order. */
  public static final Comparator<String> GO_STRING_ORDER = GoValues::compareStrings;

  private GoValues() {}

  /** The Go type name, as {@code %T}, {@code typeOf} and error messages show it. */
  public static String typeName(Object value) {
    if (value == null || value == NoValue.NO_VALUE) {
      return "<nil>";
    }
    if (value instanceof GoStruct struct) {
      return struct.goType();
    }
    return kindOf(value).typeName;
  }

  /** The Go kind of a value ({@code reflect.Kind}), as {@code kindOf} names it. */
  public static Kind kindOf(Object value) {
    if (value == null || value == NoValue.NO_VALUE) {
      return Kind.INVALID;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (value instanceof Boolean) {
      return Kind.BOOL;
    }
    if (value instanceof Long || value instanceof Integer) {
      return Kind.INT;
    }
    if (value instanceof Int64) {
      return Kind.INT64;
    }
    if (value instanceof Double || value instanceof Float) {
      return Kind.FLOAT64;
    }
    if (value instanceof Map) {
      return Kind.MAP;
    }
    if (value instanceof List) {
      return Kind.SLICE;
    }
    if (value instanceof GoFunction) {
      return Kind.FUNC;
    }
    if (value instanceof TemporalAccessor) {
      return Kind.TIME;
    }
    return Kind.STRUCT;
  }

  /** Go's kinds as far as helmsync's values have them. */
  public enum Kind {
    INVALID("invalid", "<nil>"),
    STRING("string", "string"),
    BOOL("bool", "bool"),
    INT("int", "int"),
    INT64("int64", "int64"),
    FLOAT64("float64", "float64"),
    MAP("map", "map[string]interface {}"),
    SLICE("slice", "[]interface {}"),
    FUNC("func", "func"),
    TIME("struct", "time.Time"),
    STRUCT("struct", "struct");

    private final String goName;
    private final String typeName;

    Kind(String goName, String typeName) {
      this.goName = goName;
      this.typeName = typeName;
    }

    public String goName() {
      return goName;
    }

    public boolean isInteger() {
      return this == INT || this == INT64;
    }
  }

  /**
   * Go's truth for {@code if}, {@code with}, {@code and}, {@code or} and {@code not}: false for the
   * zero value of the type (empty string, map or list, 0, false, nil), true otherwise.
   */
  public static boolean truth(Object value) {
    if (value == null || value == NoValue.NO_VALUE) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      return !s.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (value instanceof List<?> l) {
      return !l.isEmpty();
    }
    if (value instanceof Int64 i) {
      return i.value() != 0;
    }
    if (value instanceof Number n) {
      return n instanceof Double || n instanceof Float ? n.doubleValue() != 0 : n.longValue() != 0;
    }
    return true;
  }

  /** Whether the value is one of Go's integer kinds. */
  public static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof Int64 || value instanceof Integer;
  }

  /** The value of a Go integer kind. */
  public static long integer(Object value) {
    return value instanceof Int64 i ? i.value() : ((Number) value).longValue();
  }

  /** Go's string ordering: by code point, which is UTF-8 byte order. */
  public static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Go's {@code reflect.DeepEqual} for template values: same type and value, lists element-wise,
   * maps key-wise; floats compare as numbers, so NaN differs from itself and -0 equals 0.
   */
  public static boolean deepEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      return ma.size() == mb.size()
          && ma.entrySet().stream()
              .allMatch(
                  e -> mb.containsKey(e.getKey()) && deepEqual(e.getValue(), mb.get(e.getKey())));
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!deepEqual(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }
}
