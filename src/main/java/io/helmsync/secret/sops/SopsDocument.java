package io.helmsync.secret.sops;

import io.helmsync.model.Yaml;
import java.util.List;
import java.util.Map;

/**
 * The plaintext of a SOPS file, kept in memory only: for YAML and JSON the tree of values with
 * their types restored (maps, lists, strings, integers, floats, booleans, nulls), one map per YAML
 * document; for dotenv the keys and their string values; for INI one map of keys and values per
 * section ({@code DEFAULT} for keys before the first section). The caller marks the values secret.
 * Unmodifiable.
 */
public record SopsDocument(SopsFormat format, List<Map<String, Object>> documents) {
  public SopsDocument {
    documents = documents.stream().map(Yaml::deepCopy).toList();
  }

  /** The values of the first (for all but multi-document YAML, the only) document. */
  public Map<String, Object> values() {
    return documents.isEmpty() ? Map.of() : documents.get(0);
  }

  @Override
  public String toString() {
    return "SopsDocument[" + format + ", " + documents.size() + " document(s), values hidden]";
  }
}
