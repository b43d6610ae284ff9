package io.helmsync.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.helmsync.model.ReconcileException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code #/key/nested} part of a reference: picks one value of a JSON secret and keeps its JSON
 * type, so that {@code port: ref+awssecrets://db#/port} is a number, as in vals. Messages name
 * keys, never values.
 */
final class SecretFragment {
  /** Whole numbers as {@code Long}, as the YAML values they join are read. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  /** vals reads an SSM parameter's value as YAML ({@code ?mode=singleparam}), JSON included. */
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private SecretFragment() {}

  static Object select(SecretRef ref, String secret) {
    if (ref.fragment().isEmpty() || ref.fragment().equals("/")) {
      return secret;
    }
    Object value = parse(ref, secret);
    for (String key : ref.fragment().replaceFirst("^/", "").split("/")) {
      value = child(ref, value, key);
    }
    return value;
  }

  private static Object parse(SecretRef ref, String secret) {
    boolean yaml = ref.backend() == SecretRef.Backend.AWS_SSM;
    try {
      return (yaml ? YAML : JSON).readValue(secret, Object.class);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the secret, so neither it nor the cause may travel on.
      String format = yaml ? "YAML" : "JSON";
      throw ReconcileException.stalled(
          ref.text()
              + ": the secret is not "
              + format
              + ", so #"
              + ref.fragment()
              + " selects nothing; drop the fragment or store the secret as "
              + format);
    }
  }

  private static Object child(SecretRef ref, Object value, String key) {
    if (value instanceof Map<?, ?> map && map.containsKey(key)) {
      return map.get(key);
    }
    if (value instanceof List<?> list
        && key.matches("\\d{1,9}")
        && Integer.parseInt(key) < list.size()) {
      return list.get(Integer.parseInt(key));
    }
    String keys =
        value instanceof Map<?, ?> map
            ? "; its keys are " + new TreeSet<>(map.keySet().stream().map(String::valueOf).toList())
            : "";
    throw ReconcileException.stalled(ref.text() + ": the secret has no key '" + key + "'" + keys);
  }
}
