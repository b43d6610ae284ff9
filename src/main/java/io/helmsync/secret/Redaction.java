package io.helmsync.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values with {@code ***} wherever they appear in text or in a values tree: the one
 * way {@code build}, {@code render}, {@code diff} and load errors hide what a load resolved. A
 * value is also hidden in its base64 form, since a chart usually puts secrets into a Secret's
 * {@code data} with {@code b64enc}.
 */
public final class Redaction {
  public static final String MASK = "***";

  /** Longest first, so that a secret containing another is masked whole. */
  private final List<String> forms;

  private Redaction(List<String> forms) {
    this.forms = forms;
  }

  /** Hides these values (empty ones are ignored: they hide nothing and would match everywhere). */
  public static Redaction of(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        forms.add(secret);
        forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return new Redaction(forms.stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList());
  }

  /** The text with every secret, plain or base64, replaced by {@link #MASK}. */
  public String mask(String text) {
    String masked = text;
    for (String form : forms) {
      masked = masked.replace(form, MASK);
    }
    return masked;
  }

  /** A copy of a tree of maps, lists and scalars with {@link #mask(String)} applied to every key and string. */
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
