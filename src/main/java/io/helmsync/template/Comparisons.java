package io.helmsync.template;

import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFormat;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.NoValue;
import java.util.List;
import java.util.Map;

/**
 * Go's template comparisons ({@code eq}, {@code lt}, ...): only basic kinds compare, integers of
 * any size with each other, and different kinds are an error ("incompatible types for comparison:
 * int and float64"), which is why {@code eq .Values.port 80} fails in Helm (float64 against int).
 */
final class Comparisons {
  private enum Basic {
    BOOL,
    INT,
    FLOAT,
    STRING,
    OTHER
  }

  private Comparisons() {}

  private static Basic kind(Object value) {
    if (value instanceof Boolean) {
      return Basic.BOOL;
    }
    if (GoValues.isInteger(value)) {
      return Basic.INT;
    }
    if (value instanceof Double) {
      return Basic.FLOAT;
    }
    if (value instanceof String) {
      return Basic.STRING;
    }
    return Basic.OTHER;
  }

  private static boolean isNil(Object value) {
    return value == null || value == NoValue.NO_VALUE;
  }

  /** {@code eq arg1 arg2...}: true when arg1 equals any of the others. */
  static boolean eq(Object arg1, Object... others) {
    if (others.length == 0) {
      throw new GoError("missing argument for comparison");
    }
    Basic k1 = kind(arg1);
    for (Object arg : others) {
      Basic k2 = kind(arg);
      if (k1 != k2) {
        if (!isNil(arg1) && !isNil(arg)) {
          throw incompatible(arg1, arg);
        }
        continue;
      }
      if (equal(k1, arg1, arg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean equal(Basic kind, Object a, Object b) {
    return switch (kind) {
      case INT -> GoValues.integer(a) == GoValues.integer(b);
      case FLOAT -> ((Double) a).doubleValue() == (Double) b;
      case BOOL, STRING -> a.equals(b);
      case OTHER -> equalOther(a, b);
    };
  }

  private static boolean equalOther(Object a, Object b) {
    if (isNil(a) || isNil(b)) {
      return isNil(a) == isNil(b);
    }
    if (!GoValues.typeName(a).equals(GoValues.typeName(b))) {
      throw new GoError(
          GoFormat.sprintf(
              "non-comparable types %s: %v, %s: %v",
              a, GoValues.typeName(a), GoValues.typeName(b), b));
    }
    if (b instanceof Map || b instanceof List) {
      throw new GoError(GoFormat.sprintf("non-comparable type %s: %v", b, GoValues.typeName(b)));
    }
    return a.equals(b);
  }

  /** {@code lt}: basic kinds only, both of the same kind. */
  static boolean lt(Object a, Object b) {
    Basic k1 = kind(a);
    Basic k2 = kind(b);
    if (k1 == Basic.OTHER || k2 == Basic.OTHER) {
      throw new GoError("invalid type for comparison");
    }
    if (k1 != k2) {
      throw incompatible(a, b);
    }
    return switch (k1) {
      case INT -> GoValues.integer(a) < GoValues.integer(b);
      case FLOAT -> (Double) a < (Double) b;
      case STRING -> GoValues.compareStrings((String) a, (String) b) < 0;
      default -> throw new GoError("invalid type for comparison");
    };
  }

  /** Go 1.25's wrapped {@code errBadComparison}, naming both types. */
  private static GoError incompatible(Object a, Object b) {
    return new GoError(
        "incompatible types for comparison: "
            + GoValues.typeName(a)
            + " and "
            + GoValues.typeName(b));
  }

  /** {@code le}: less, or else equal. */
  static boolean le(Object a, Object b) {
    return lt(a, b) || eq(a, b);
  }
}
