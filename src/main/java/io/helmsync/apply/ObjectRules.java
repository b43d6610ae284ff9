package io.helmsync.apply;

import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the API server checks of every object's metadata before it stores it ({@code
 * ValidateObjectMeta} with each kind's name rule), and the base64 of Secret data, checked here so
 * that an object the server would refuse never stops a sync half-way: the name (most kinds a
 * DNS-1123 subdomain, Namespace a DNS-1123 label as {@code ValidateNamespaceName} has it, core's
 * Service a DNS-1035 label as {@code ValidateServiceName} has it, RBAC objects only a path segment
 * as {@code ValidateRBACName} has it), the namespace, label keys ({@code IsQualifiedName}) and
 * values ({@code IsValidLabelValue}), annotation keys ({@code IsQualifiedName} of the lowercased
 * key) and their total size, and the keys and base64 values of Secret and ConfigMap data.
 *
 * <p>Problems never quote a label, annotation or data value: any of them may hold a secret.
 */
final class ObjectRules {
  /** apimachinery's {@code TotalAnnotationSizeLimitB}. */
  static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private static final String RBAC = "rbac.authorization.k8s.io";

  private ObjectRules() {}

  /** Each way {@code object} breaks the rules: {@code "<field> <what is wrong>; <what to do>"}. */
  static List<String> problems(Manifest object) {
    List<String> problems = new ArrayList<>();
    ObjectRef ref = object.ref();
    Map<?, ?> metadata = map(object.body().get("metadata"));
    nameProblem(ref).ifPresent(problems::add);
    if (!ref.namespace().isEmpty()) {
      NameFormat.DNS1123_LABEL
          .problem(ref.namespace())
          .ifPresent(
              problem ->
                  problems.add(
                      "metadata.namespace "
                          + problem
                          + "; fix the namespace of the object or its release"));
    }
    labels(map(metadata.get("labels")), problems);
    annotations(map(metadata.get("annotations")), problems);
    if (ref.group().isEmpty() && ref.kind().equals("Secret")) {
      data("data", map(object.body().get("data")), "stringData", problems);
      data("stringData", map(object.body().get("stringData")), null, problems);
    } else if (ref.group().isEmpty() && ref.kind().equals("ConfigMap")) {
      data("data", map(object.body().get("data")), null, problems);
      data("binaryData", map(object.body().get("binaryData")), "data", problems);
    }
    return problems;
  }

  /** The rule the kind's name follows: see the class comment. */
  private static NameFormat nameFormat(ObjectRef ref) {
    if (ref.group().equals(RBAC)) {
      return NameFormat.PATH_SEGMENT;
    }
    if (ref.group().isEmpty() && ref.kind().equals("Namespace")) {
      return NameFormat.DNS1123_LABEL;
    }
    if (ref.group().isEmpty() && ref.kind().equals("Service")) {
      return NameFormat.DNS1035_LABEL;
    }
    return NameFormat.DNS1123_SUBDOMAIN;
  }

  private static Optional<String> nameProblem(ObjectRef ref) {
    if (ref.name().isEmpty()) {
      return Optional.of("metadata.name is empty; give the object a name");
    }
    return nameFormat(ref)
        .problem(ref.name())
        .map(
            problem ->
                "metadata.name "
                    + problem
                    + ", which "
                    + ref.kind()
                    + " names must be; rename the object");
  }

  private static void labels(Map<?, ?> labels, List<String> problems) {
    labels.forEach(
        (key, value) -> {
          String name = "label " + quoted(key);
          qualifiedNameProblem(String.valueOf(key))
              .ifPresent(
                  problem ->
                      problems.add(name + ": the key " + problem + "; fix or remove the label"));
          if (value != null && !(value instanceof String)) {
            problems.add(
                name
                    + ": the value is "
                    + typeOf(value)
                    + ", not a string; quote it in the template");
          } else if (value instanceof String text) {
            NameFormat.LABEL_VALUE
                .problem(text)
                .ifPresent(
                    problem ->
                        problems.add(
                            name
                                + ": the value "
                                + problem
                                + "; shorten or fix it, or move it to an annotation"));
          }
        });
  }

  private static void annotations(Map<?, ?> annotations, List<String> problems) {
    long bytes = 0;
    for (Map.Entry<?, ?> entry : annotations.entrySet()) {
      String key = String.valueOf(entry.getKey());
      String name = "annotation " + quoted(key);
      qualifiedNameProblem(key.toLowerCase(Locale.ROOT))
          .ifPresent(
              problem ->
                  problems.add(name + ": the key " + problem + "; fix or remove the annotation"));
      if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
        problems.add(
            name
                + ": the value is "
                + typeOf(entry.getValue())
                + ", not a string; quote it in the template");
      }
      bytes += utf8Length(key) + (entry.getValue() instanceof String text ? utf8Length(text) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      problems.add(
          "metadata.annotations total "
              + bytes
              + " bytes, more than the "
              + ANNOTATIONS_MAX_BYTES
              + " Kubernetes stores; move large content to a ConfigMap");
    }
  }

  /**
   * apimachinery's {@code IsQualifiedName}: a name part, optionally after a DNS-1123 subdomain
   * prefix and one {@code /}.
   */
  private static Optional<String> qualifiedNameProblem(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return Optional.of(
          "is not a qualified name (an optional DNS-1123 subdomain prefix and '/', "
              + "then a name; it has "
              + (parts.length - 1)
              + " '/')");
    }
    if (parts.length == 2) {
      if (parts[0].isEmpty()) {
        return Optional.of("has an empty prefix before '/'");
      }
      Optional<String> prefix = NameFormat.DNS1123_SUBDOMAIN.problem(parts[0]);
      if (prefix.isPresent()) {
        return prefix.map(problem -> "prefix " + quoted(parts[0]) + " " + problem);
      }
    }
    String name = parts[parts.length - 1];
    if (name.isEmpty()) {
      return Optional.of("has an empty name part");
    }
    return NameFormat.QUALIFIED_NAME.problem(name).map(problem -> "name part " + problem);
  }

  /**
   * Data keys, and the values of a {@code []byte} field ({@code plainField} is where plain text
   * goes instead) as the API server decodes them: Go's standard base64, padded, line breaks
   * ignored.
   */
  private static void data(String field, Map<?, ?> data, String plainField, List<String> problems) {
    data.forEach(
        (key, value) -> {
          String name = field + "." + key;
          NameFormat.CONFIG_KEY
              .problem(String.valueOf(key))
              .ifPresent(
                  problem ->
                      problems.add(
                          field + " key " + quoted(key) + " " + problem + "; rename the key"));
          if (value == null) {
            return;
          }
          if (!(value instanceof String text)) {
            problems.add(
                name + " is " + typeOf(value) + ", not a string; quote it in the template");
          } else if (plainField != null && !isBase64(text)) {
            problems.add(
                name
                    + " is not valid base64 (standard alphabet, padded with '='); encode "
                    + "the value (b64enc in a template) or put it under "
                    + plainField
                    + " as plain text");
          }
        });
  }

  private static boolean isBase64(String text) {
    String joined = text.replace("\r", "").replace("\n", "");
    if (joined.length() % 4 != 0) {
      return false;
    }
    try {
      Base64.getDecoder().decode(joined);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> map ? map : Map.of();
  }

  private static String typeOf(Object value) {
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return value instanceof Map<?, ?> ? "a map" : "a list";
    }
    return "a " + value.getClass().getSimpleName();
  }

  private static String quoted(Object key) {
    return "'" + key + "'";
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
