package io.helmsync.secret;

import io.helmsync.model.ReconcileException;
import io.helmsync.secret.sops.SopsDecryptor;
import io.helmsync.template.helmfile.SecretPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * The references of one load: each whole secret fetched once however often it is used, and every
 * value handed out remembered, so that {@code build} output and load errors can mask them.
 */
public final class SecretSession implements SecretPort {
  private final SecretResolver resolver;
  private final SopsFiles sops;
  private final Map<String, String> secrets = new HashMap<>();
  private final Set<String> values = new HashSet<>();

  /** The decryptor of this load, taken when it meets its first SOPS file. */
  private SopsDecryptor decryptor;

  SecretSession(SecretResolver resolver, SopsFiles sops) {
    this.resolver = resolver;
    this.sops = sops;
  }

  /**
   * The values of a SOPS-encrypted values file (helmfile's {@code secrets:}), decrypted in memory;
   * every string in them is remembered as secret, so that output and errors mask it.
   *
   * @param file the file as messages name it (relative to the repository); its extension gives the
   *     format
   * @throws ReconcileException stalled when the file cannot be decrypted with the keys held (the
   *     message names the keys tried), transient when only KMS could and did not answer
   */
  public Map<String, Object> decrypt(String file, byte[] content) {
    if (decryptor == null) {
      decryptor = sops.decryptor();
    }
    Map<String, Object> decrypted = decryptor.decrypt(file, content).values();
    remember(decrypted);
    return decrypted;
  }

  /**
   * A copy of a values tree with every reference in its strings replaced. A string that is one
   * reference becomes the value with its JSON type; references inside longer strings become text.
   * All references of the tree are fetched together, before any is replaced.
   *
   * @param where the file or release the values belong to, for error messages
   */
  public Object resolve(Object tree, String where) {
    List<SecretRef> refs = new ArrayList<>();
    collect(tree, refs, where);
    if (refs.isEmpty()) {
      return tree;
    }
    run(where, () -> load(refs));
    return replace(tree, where);
  }

  /** {@link #resolve} for a values map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> resolveValues(Map<String, Object> values, String where) {
    return (Map<String, Object>) resolve(values, where);
  }

  @Override
  public String fetch(String text) {
    SecretRef ref = SecretRef.parse(text);
    load(List.of(ref));
    return asText(ref, value(ref));
  }

  /** Every string value resolved so far (scalars and the strings inside JSON values). */
  public Set<String> values() {
    return Set.copyOf(values);
  }

  private void collect(Object tree, List<SecretRef> refs, String where) {
    if (tree instanceof String text) {
      Matcher matcher = SecretRef.PATTERN.matcher(text);
      while (matcher.find()) {
        refs.add(located(where, () -> SecretRef.of(matcher)));
      }
    } else if (tree instanceof Map<?, ?> map) {
      map.values().forEach(value -> collect(value, refs, where));
    } else if (tree instanceof List<?> list) {
      list.forEach(value -> collect(value, refs, where));
    }
  }

  private void load(List<SecretRef> refs) {
    Map<String, SecretRef> missing = new LinkedHashMap<>();
    refs.stream()
        .filter(ref -> !secrets.containsKey(ref.location()))
        .forEach(ref -> missing.putIfAbsent(ref.location(), ref));
    if (!missing.isEmpty()) {
      secrets.putAll(resolver.secrets(missing.values()));
    }
  }

  private Object replace(Object tree, String where) {
    if (tree instanceof String text) {
      return located(where, () -> replaceText(text));
    }
    if (tree instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), replace(value, where)));
      return copy;
    }
    if (tree instanceof List<?> list) {
      return list.stream().map(value -> replace(value, where)).toList();
    }
    return tree;
  }

  private Object replaceText(String text) {
    Matcher matcher = SecretRef.PATTERN.matcher(text);
    if (matcher.matches()) {
      return value(SecretRef.of(matcher));
    }
    matcher.reset();
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      SecretRef ref = SecretRef.of(matcher);
      matcher.appendReplacement(out, Matcher.quoteReplacement(asText(ref, value(ref))));
    }
    return matcher.appendTail(out).toString();
  }

  private Object value(SecretRef ref) {
    Object value = resolver.select(ref, secrets.get(ref.location()));
    remember(value);
    return value;
  }

  private void remember(Object value) {
    if (value instanceof String text && !text.isEmpty()) {
      values.add(text);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(this::remember);
    } else if (value instanceof List<?> list) {
      list.forEach(this::remember);
    }
  }

  private static String asText(SecretRef ref, Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw ReconcileException.stalled(
          ref.text()
              + ": selects a JSON object or list, which "
              + "cannot be part of a longer string; pick one key with #/key or use the reference alone");
    }
    return String.valueOf(value);
  }

  /** Runs a step, prefixing its error with the file or release whose values it was resolving. */
  private static <T> T located(String where, Supplier<T> step) {
    try {
      return step.get();
    } catch (ReconcileException e) {
      throw new ReconcileException(e.reason(), where + ": " + e.getMessage(), e.getCause());
    }
  }

  private static void run(String where, Runnable step) {
    located(
        where,
        () -> {
          step.run();
          return null;
        });
  }
}
