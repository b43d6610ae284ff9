package io.helmsync.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML files of one or more documents into plain trees, turning every parse error into a
 * {@link ReconcileException} that names the file and line, since those are what a person fixes.
 */
public final class YamlDocuments {
  private static final ObjectMapper MAPPER = new YAMLMapper();

  /**
   * Writes YAML as people write it: quotes only where needed, but always on strings that would
   * otherwise read back as numbers or booleans ({@code "5432"}, {@code "true"}).
   */
  private static final ObjectMapper WRITER =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build();

  private YamlDocuments() {}

  /** One parsed document and the line (1-based) where it starts. */
  public record Document(Map<String, Object> content, int line) {
    public Document {
      content = Yaml.deepCopy(content);
    }
  }

  /**
   * Parses every non-empty document of a file.
   *
   * @param file the file to read
   * @param displayName how to name the file in messages (relative to the repository root)
   * @throws ReconcileException STALLED when the file is missing, unreadable, not YAML, or a
   *     document is not a mapping
   */
  public static List<Document> read(Path file, String displayName) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw ReconcileException.stalled(displayName + ": file not found", e);
    } catch (IOException e) {
      throw ReconcileException.stalled(displayName + ": cannot read file: " + e.getMessage(), e);
    }
    return parse(text, displayName);
  }

  /** Parses YAML text; see {@link #read(Path, String)}. */
  public static List<Document> parse(String text, String displayName) {
    List<Document> documents = new ArrayList<>();
    try (MappingIterator<Object> iterator = MAPPER.readerFor(Object.class).readValues(text)) {
      while (iterator.hasNextValue()) {
        int line = iterator.getCurrentLocation().getLineNr();
        Object value = iterator.nextValue();
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          throw ReconcileException.stalled(
              displayName + ":" + line + ": expected a YAML mapping, found " + describe(value));
        }
        documents.add(new Document(Yaml.asStringMap(map), line));
      }
    } catch (JsonProcessingException e) {
      throw ReconcileException.stalled(describe(e, displayName), e);
    } catch (IOException e) {
      throw ReconcileException.stalled(displayName + ": cannot parse YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  private static String describe(JsonProcessingException e, String displayName) {
    JsonLocation location = e.getLocation();
    String where = location == null ? displayName : displayName + ":" + location.getLineNr();
    return where + ": invalid YAML: " + problem(e.getOriginalMessage());
  }

  /**
   * SnakeYAML's message spans several lines: context, a source excerpt with a caret, the problem.
   * Keeps the sentences and drops the excerpt, since the file and line are given already.
   */
  private static String problem(String message) {
    List<String> sentences =
        message
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .toList();
    return sentences.isEmpty() ? "cannot parse" : String.join("; ", sentences);
  }

  private static String describe(Object value) {
    return value instanceof List<?> ? "a list" : "a scalar '" + value + "'";
  }

  /** Serialises a tree as one YAML document (used for output and for storage). */
  public static String write(Object tree) {
    try {
      return WRITER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise YAML tree", e);
    }
  }
}
