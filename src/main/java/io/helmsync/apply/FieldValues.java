package io.helmsync.apply;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Equality of one desired and one live scalar as the API server sees them, so that what the server
 * normalises is not mistaken for drift: resource quantities ({@code 500m} is {@code 0.5}, {@code
 * 1Gi} is {@code 1024Mi}), int-or-string fields ({@code 8080} is {@code "8080"}) and numbers that
 * YAML and JSON give different Java types. Decided by the field's name, because the same text
 * elsewhere (a ConfigMap value {@code "1.0"}) is not the same as {@code "1"}.
 */
final class FieldValues {
  /** Maps whose values are quantities (container resources, PVC capacity, quotas). */
  private static final Set<String> QUANTITY_MAPS = Set.of("limits", "requests", "capacity", "hard");

  private static final Set<String> QUANTITY_FIELDS = Set.of("storage", "sizeLimit");
  private static final Set<String> INT_OR_STRING_FIELDS =
      Set.of("port", "targetPort", "maxSurge", "maxUnavailable", "minAvailable");

  private FieldValues() {}

  /**
   * @param parent the name of the map holding the field ({@code requests}), or empty
   * @param field the field's name ({@code cpu})
   */
  static boolean equal(String parent, String field, Object desired, Object live) {
    if (desired instanceof Number a && live instanceof Number b) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (java.util.Objects.equals(desired, live) || desired == null || live == null) {
      return java.util.Objects.equals(desired, live);
    }
    if (QUANTITY_MAPS.contains(parent) || QUANTITY_FIELDS.contains(field)) {
      return sameQuantity(desired.toString(), live.toString());
    }
    if (INT_OR_STRING_FIELDS.contains(field)) {
      return desired.toString().equals(live.toString());
    }
    return false;
  }

  private static BigDecimal decimal(Number number) {
    return new BigDecimal(number.toString());
  }

  private static boolean sameQuantity(String desired, String live) {
    try {
      return Quantity.parse(desired)
              .getNumericalAmount()
              .compareTo(Quantity.parse(live).getNumericalAmount())
          == 0;
    } catch (IllegalArgumentException | ArithmeticException e) {
      return false;
    }
  }
}
