package io.helmsync.template.helmfile;

import static io.helmsync.template.golib.GoType.MAP;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * helmfile's {@code fetchSecretValue} and {@code expandSecretRefs}, which hand strings to vals:
 * every {@code ref+SCHEME://...} (or {@code secretref+...}) inside a string is replaced by the
 * value the {@link SecretPort} fetches, the rest of the string kept, as vals' {@code
 * ExpandRegexMatch} does.
 */
final class SecretRefs {
  /** vals' {@code DefaultRefRegexp}: kind, then the reference up to a {@code +}, newline or end. */
  private static final Pattern REF = Pattern.compile("((secret)?ref)\\+([^+:]*://[^+\\n]+)\\+?");

  private final SecretPort port;

  SecretRefs(SecretPort port) {
    this.port = port;
  }

  Functions functions() {
    return Functions.builder()
        .add("fetchSecretValue", GoFunction.of(a -> expand((String) a[0]), STRING))
        .add("expandSecretRefs", GoFunction.of(a -> expandMap((Map<?, ?>) a[0]), MAP))
        .build();
  }

  /** A copy of the map with every string value, however deep, expanded. */
  private Map<String, Object> expandMap(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> copy.put(String.valueOf(k), expandValue(v)));
    }
    return copy;
  }

  private Object expandValue(Object value) {
    if (value instanceof String s) {
      return expand(s);
    }
    if (value instanceof Map<?, ?> map) {
      return expandMap(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(expandValue(v)));
      return copy;
    }
    return value;
  }

  String expand(String text) {
    Matcher matcher = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (matcher.find()) {
      out.append(text, last, matcher.start()).append(fetch(matcher.group(1), matcher.group(3)));
      last = matcher.end();
    }
    return out.append(text, last, text.length()).toString();
  }

  private String fetch(String kind, String ref) {
    try {
      return port.fetch(kind + "+" + ref);
    } catch (RuntimeException e) {
      throw new GoError("expand " + ref + ": " + e.getMessage(), e);
    }
  }
}
