package io.helmsync.health;

import io.helmsync.model.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read-only access by dotted path ({@code status.readyReplicas}) to an object parsed as a plain
 * tree. Absent fields read as Kubernetes' zero values, as they do in Go's typed structs, so the
 * checks can follow kubectl and Argo CD line by line; a field of the wrong type is an error,
 * because guessing would turn a broken status into a confident verdict.
 */
record ObjectTree(Map<String, Object> root) {

  /** A field present with the wrong type, e.g. {@code status.replicas: three}. */
  static final class MalformedException extends RuntimeException {
    MalformedException(String path, Object value, String expected) {
      super(path + " is '" + value + "', not " + expected);
    }
  }

  String string(String path) {
    Object value = value(path);
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      throw new MalformedException(path, value, "a string");
    }
    return String.valueOf(value);
  }

  /** The number at {@code path}, or 0 when it is absent. */
  long number(String path) {
    return optionalNumber(path).orElse(0);
  }

  /** The number at {@code path}, or empty when absent: for fields where absent means "not set". */
  OptionalLong optionalNumber(String path) {
    Object value = value(path);
    if (value == null) {
      return OptionalLong.empty();
    }
    if (value instanceof Number number) {
      return OptionalLong.of(number.longValue());
    }
    throw new MalformedException(path, value, "a number");
  }

  boolean flag(String path) {
    Object value = value(path);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw new MalformedException(path, value, "true or false");
  }

  boolean has(String path) {
    return value(path) != null;
  }

  /** The maps of the list at {@code path}, each as a tree; empty when the list is absent. */
  List<ObjectTree> items(String path) {
    Object value = value(path);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new MalformedException(path, value, "a list");
    }
    return list.stream().map(item -> asTree(path, item)).toList();
  }

  List<Condition> conditions() {
    return items("status.conditions").stream()
        .map(
            c ->
                new Condition(
                    c.string("type"), c.string("status"), c.string("reason"), c.string("message")))
        .toList();
  }

  Optional<Condition> condition(String type) {
    return conditions().stream().filter(c -> c.type().equals(type)).findFirst();
  }

  private Object value(String path) {
    Object current = root;
    String walked = "";
    for (String key : path.split("\\.")) {
      if (current == null) {
        return null;
      }
      if (!(current instanceof Map<?, ?> map)) {
        throw new MalformedException(walked, current, "a mapping");
      }
      current = map.get(key);
      walked = walked.isEmpty() ? key : walked + "." + key;
    }
    return current;
  }

  private static ObjectTree asTree(String path, Object item) {
    if (item instanceof Map<?, ?> map) {
      return new ObjectTree(Yaml.asStringMap(map));
    }
    throw new MalformedException(path + "[]", item, "a mapping");
  }
}
