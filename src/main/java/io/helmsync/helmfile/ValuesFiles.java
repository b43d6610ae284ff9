package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.model.YamlDocuments;
import io.helmsync.model.YamlDocuments.Document;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Merges a {@code values:} list (file paths and inline maps) in order, as helmfile does. */
final class ValuesFiles {
  private ValuesFiles() {}

  /**
   * @param entries file paths (relative to {@code baseDir}) and inline maps, lowest precedence
   *     first
   * @param root the repository root; files outside it are refused
   */
  static Map<String, Object> merge(List<Object> entries, Path baseDir, Path root) {
    Map<String, Object> merged = Map.of();
    for (Object entry : entries) {
      merged = Yaml.merge(merged, load(entry, baseDir, root));
    }
    return merged;
  }

  private static Map<String, Object> load(Object entry, Path baseDir, Path root) {
    if (entry instanceof Map<?, ?> inline) {
      return Yaml.asStringMap(inline);
    }
    Path file = baseDir.resolve(entry.toString()).normalize();
    String name = HelmfileLoader.display(root, file);
    if (!file.startsWith(root)) {
      throw ReconcileException.stalled(name + ": values file is outside the repository");
    }
    if (name.endsWith(".gotmpl")) {
      throw ReconcileException.stalled(
          name + ": templated values files are not supported by this version of helmsync");
    }
    List<Document> documents = YamlDocuments.read(file, name);
    if (documents.size() > 1) {
      throw ReconcileException.stalled(
          name + ":" + documents.get(1).line() + ": a values file holds one YAML document");
    }
    return documents.isEmpty() ? Map.of() : documents.get(0).content();
  }
}
