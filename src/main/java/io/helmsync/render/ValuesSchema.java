package io.helmsync.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Helm's {@code ValidateAgainstSchema}: the merged values of the chart and of each enabled subchart
 * (its section) must meet that chart's {@code values.schema.json}. Every problem is listed under
 * the chart it belongs to, with the JSON path of the value, in one error like Helm's.
 */
final class ValuesSchema {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();

  private ValuesSchema() {}

  /**
   * @param values the chart's coalesced values
   * @throws ReconcileException STALLED listing what does not meet which chart's schema
   */
  static void validate(ChartTree tree, Map<String, Object> values, String where) {
    StringBuilder problems = new StringBuilder();
    collect(tree, values, where, problems);
    if (!problems.isEmpty()) {
      throw ReconcileException.stalled(
          where
              + ": values don't meet the specifications of the "
              + "schema(s) in the following chart(s):\n"
              + problems
              + "fix the values, or the chart's values.schema.json");
    }
  }

  private static void collect(
      ChartTree tree, Map<String, Object> values, String where, StringBuilder problems) {
    tree.chart()
        .schema()
        .ifPresent(
            schema -> {
              List<String> messages = problems(tree, schema, values, where);
              if (!messages.isEmpty()) {
                problems.append(tree.name()).append(":\n");
                messages.forEach(message -> problems.append("- ").append(message).append('\n'));
              }
            });
    for (ChartTree child : tree.children()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> section =
          values.get(child.name()) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
      collect(child, section, where, problems);
    }
  }

  private static List<String> problems(
      ChartTree tree, String schemaText, Map<String, Object> values, String where) {
    JsonNode schema;
    try {
      schema = JSON.readTree(schemaText);
    } catch (IOException e) {
      throw ReconcileException.stalled(
          where
              + ": chart "
              + tree.chart().path()
              + "/values.schema.json is not valid JSON: "
              + e.getMessage(),
          e);
    }
    Optional<SpecVersion.VersionFlag> declared =
        SpecVersionDetector.detectOptionalVersion(schema, false);
    if (declared.isEmpty() && schema instanceof ObjectNode object) {
      // Charts often name the undated "http://json-schema.org/schema#", which Helm accepts as
      // the default draft and which the library would try to download.
      object.remove("$schema");
    }
    SpecVersion.VersionFlag version = declared.orElse(SpecVersion.VersionFlag.V7);
    return factory(version).getSchema(schema, CONFIG).validate(json(values)).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  /**
   * The draft's factory that takes a keyword it does not know (e.g. {@code duration}) as an
   * annotation, quietly, as Helm's validator does, where the library's default logs a warning for
   * each one.
   */
  private static JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
    JsonMetaSchema draft =
        JsonMetaSchema.builder(JsonSchemaFactory.checkVersion(version).getInstance())
            .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
            .build();
    return JsonSchemaFactory.getInstance(version, factory -> factory.metaSchema(draft));
  }

  /** The values as Go's encoding/json writes them: a whole float64 is an integer. */
  private static JsonNode json(Object value) {
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), json(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(v -> array.add(json(v)));
      return array;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return NODES.numberNode(d.longValue());
    }
    return JSON.valueToTree(value);
  }
}
