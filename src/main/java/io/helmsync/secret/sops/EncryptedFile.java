package io.helmsync.secret.sops;

import java.util.List;
import java.util.Map;

/**
 * A SOPS file as read from its format: the documents (one, or several for a multi-document YAML
 * file), without the metadata, and the metadata as a tree of maps and lists, or {@code null} when
 * the file has none and so was not encrypted by sops.
 */
record EncryptedFile(List<Branch> documents, Map<String, Object> metadata) {
  EncryptedFile {
    documents = List.copyOf(documents);
  }
}
