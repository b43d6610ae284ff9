package io.helmsync.template.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.helmsync.template.property.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A generated template, its helpers and its values, kept as structure so it can shrink; printed as
 * a conformance case entry, ready to paste into a family file.
 */
record GeneratedCase(Map<String, Object> values, List<Node> template, List<Node> helpers) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  GeneratedCase {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    template = List.copyOf(template);
    helpers = List.copyOf(helpers);
  }

  ConformanceCase toCase() {
    String helperText = helpers.isEmpty() ? null : Node.text(helpers);
    return new ConformanceCase(
        "property", "generated", Node.text(template), values, helperText, null);
  }

  /** Smaller cases: the template first, then the helpers, then the values. */
  Stream<GeneratedCase> shrinks() {
    return Stream.of(
            Node.shrinks(template).map(t -> new GeneratedCase(values, t, helpers)),
            Node.shrinks(helpers).map(h -> new GeneratedCase(values, template, h)),
            ValueTrees.shrinks(values).map(v -> new GeneratedCase(v, template, helpers)))
        .flatMap(s -> s);
  }

  @Override
  public String toString() {
    ConformanceCase c = toCase();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", "generated");
    entry.put("template", c.template());
    entry.put("values", c.values());
    if (c.helpers() != null) {
      entry.put("helpers", c.helpers());
    }
    try {
      return YAML.writeValueAsString(List.of(entry));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
