package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.template.golib.GoYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads helmfile's YAML as helmfile's go-yaml does (Go ints, YAML 1.1 booleans, anchors and {@code
 * <<} merge keys), with errors that name the file, line and column.
 */
final class StateYaml {
  private StateYaml() {}

  /** A mapping document and the line it starts on. */
  record Mapping(Map<String, Object> content, int line) {}

  /**
   * Every non-empty document of {@code text}, each of which must be a mapping.
   *
   * @param rendered whether the text is a template's output, which the message then says
   */
  static List<Mapping> mappings(String text, String file, boolean rendered) {
    List<GoYaml.Document> documents;
    try {
      documents = GoYaml.documents(text);
    } catch (GoYaml.SyntaxError e) {
      throw ReconcileException.stalled(
          file
              + (e.line() > 0 ? ":" + e.line() + ":" + e.column() : "")
              + ": invalid YAML"
              + (rendered ? " after rendering the template" : "")
              + ": "
              + e.getMessage(),
          e);
    }
    List<Mapping> mappings = new ArrayList<>();
    for (GoYaml.Document document : documents) {
      if (document.value() == null) {
        continue;
      }
      if (!(document.value() instanceof Map<?, ?> map)) {
        throw ReconcileException.stalled(
            file
                + ":"
                + document.line()
                + ": expected a YAML mapping, found "
                + describe(document.value()));
      }
      mappings.add(new Mapping(Yaml.asStringMap(map), document.line()));
    }
    return mappings;
  }

  /** A values file: one mapping document, or empty. */
  static Map<String, Object> valuesFile(String text, String file, boolean rendered) {
    List<Mapping> mappings = mappings(text, file, rendered);
    if (mappings.size() > 1) {
      throw ReconcileException.stalled(
          file
              + ":"
              + mappings.get(1).line()
              + ": a values file holds one YAML document; merge the documents or split the file");
    }
    return mappings.isEmpty() ? Map.of() : mappings.get(0).content();
  }

  private static String describe(Object value) {
    return value instanceof List<?> ? "a list" : "a scalar '" + value + "'";
  }
}
