package io.helmsync.secret.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sops' dotenv store ({@code stores/dotenv}): one {@code KEY=value} per line, the key everything
 * before the first {@code =} (spaces included, as sops keeps them), {@code \n} in values for line
 * feeds, {@code #} lines for comments, and the metadata in flattened {@code sops_*} keys.
 */
final class DotenvStore {
  private static final String METADATA_PREFIX = "sops_";

  private DotenvStore() {}

  static EncryptedFile read(String text) {
    List<Branch.Entry> data = new ArrayList<>();
    Map<String, String> metadata = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1];
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("line " + number + " is not KEY=value");
      }
      String key = line.substring(0, equals);
      String value = line.substring(equals + 1);
      if (key.startsWith(METADATA_PREFIX)) {
        metadata.put(key.substring(METADATA_PREFIX.length()), value);
      } else {
        data.add(new Branch.Entry(key, value.replace("\\n", "\n")));
      }
    }
    return new EncryptedFile(
        List.of(new Branch(data)), metadata.isEmpty() ? null : FlatMetadata.unflatten(metadata));
  }
}
