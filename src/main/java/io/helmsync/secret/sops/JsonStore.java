package io.helmsync.secret.sops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** sops' JSON store ({@code stores/json}): one object whose {@code sops} key is the metadata. */
final class JsonStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonStore() {}

  static EncryptedFile read(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a JSON document that is not an object");
    }
    List<Branch.Entry> data = new ArrayList<>();
    Map<String, Object> metadata = null;
    for (Map.Entry<String, JsonNode> field : iterable(root)) {
      Object value = value(field.getValue());
      if (!field.getKey().equals("sops")) {
        data.add(new Branch.Entry(field.getKey(), value));
      } else if (value instanceof Branch sops) {
        metadata = YamlStore.plain(sops);
      }
    }
    return new EncryptedFile(List.of(new Branch(data)), metadata);
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object.properties();
  }

  private static Object value(JsonNode node) {
    if (node.isObject()) {
      List<Branch.Entry> entries = new ArrayList<>();
      iterable(node)
          .forEach(field -> entries.add(new Branch.Entry(field.getKey(), value(field.getValue()))));
      return new Branch(entries);
    }
    if (node.isArray()) {
      List<Object> items = new ArrayList<>();
      node.forEach(item -> items.add(value(item)));
      return items;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Scalars.integer(node.longValue());
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isNull() ? null : node.textValue();
  }
}
