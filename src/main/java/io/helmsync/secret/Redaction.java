package io.helmsync.secret;

import io.helmsync.model.ReconcileException;
import io.helmsync.secret.SecretForms.Form;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values with {@code ***} wherever they appear in text or in a values tree: the one
 * way {@code build}, {@code render}, {@code diff} and load and render errors hide what a load
 * resolved. A value is also hidden inside longer strings and in the hex, base64 and base32 of any
 * string that contains it ({@link SecretForms}), since charts encode secrets, often with text
 * around them ({@code b64enc (printf "Bearer %s" .Values.key)}).
 */
public final class Redaction {
  public static final String MASK = "***";

  /** Longest first, so that a secret containing another is masked whole. */
  private final List<Form> forms;

  private Redaction(List<Form> forms) {
    this.forms = forms;
  }

  /** Hides these values (empty ones are ignored: they hide nothing and would match everywhere). */
  public static Redaction of(Collection<String> secrets) {
    Set<String> values = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        values.add(secret);
      }
    }
    return new Redaction(
        values.stream()
            .flatMap(secret -> SecretForms.of(secret).stream())
            .sorted(Comparator.comparingInt((Form form) -> form.core().length()).reversed())
            .toList());
  }

  /** The text with every secret, plain or encoded, replaced by {@link #MASK}. */
  public String mask(String text) {
    String masked = text;
    for (Form form : forms) {
      masked = form.mask(masked, MASK);
    }
    return masked;
  }

  /**
   * The error with every secret masked in its message; a masked error drops its cause, whose
   * message (a template's, a parser's) may hold the value too.
   */
  public ReconcileException mask(ReconcileException error) {
    String message = String.valueOf(error.getMessage());
    String masked = mask(message);
    return masked.equals(message) ? error : new ReconcileException(error.reason(), masked, null);
  }

  /**
   * A copy of a tree of maps, lists and scalars with {@link #mask(String)} applied to every key and
   * string.
   */
  public Object mask(Object tree) {
    if (tree instanceof String text) {
      return mask(text);
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(mask(String.valueOf(key)), mask(value)));
      return copy;
    }
    if (tree instanceof List<?> list) {
      return list.stream().map(this::mask).toList();
    }
    return tree;
  }

  /** {@link #mask(Object)} for a map such as a Kubernetes object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> maskObject(Map<String, Object> object) {
    return (Map<String, Object>) mask((Object) object);
  }
}
