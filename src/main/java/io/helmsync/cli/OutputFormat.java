package io.helmsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;

/** {@code --output}: text for people, JSON or YAML for scripts. */
enum OutputFormat {
  TEXT,
  JSON,
  YAML;

  private static final ObjectMapper JSON_MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML_MAPPER =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  /** {@code data} as a JSON or YAML document ending with a newline; TEXT has no generic form. */
  String write(Object data) {
    try {
      return switch (this) {
        case JSON -> JSON_MAPPER.writeValueAsString(data) + "\n";
        case YAML -> YAML_MAPPER.writeValueAsString(data);
        case TEXT -> throw new IllegalStateException("text output is written by each command");
      };
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text, as the agent's API answers it. */
  static Object readJson(String text) throws JsonProcessingException {
    return JSON_MAPPER.readValue(text, Object.class);
  }
}
