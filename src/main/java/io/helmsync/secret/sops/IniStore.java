package io.helmsync.secret.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sops' INI store ({@code stores/ini}, parsed as go-ini parses): sections of {@code key = value}
 * lines, keys before the first section in go-ini's {@code DEFAULT} section, a key ending at the
 * first {@code =} or {@code :}, quotes around a value removed, an inline {@code #} or {@code ;}
 * comment cut off, and the metadata in the flattened keys of the {@code [sops]} section. An empty
 * {@code DEFAULT} section is left out: it adds nothing to the MAC.
 */
final class IniStore {
  private static final String DEFAULT_SECTION = "DEFAULT";

  private IniStore() {}

  static EncryptedFile read(String text) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> section =
        sections.computeIfAbsent(DEFAULT_SECTION, name -> new LinkedHashMap<>());
    String[] lines = text.split("\r?\n", -1);
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        if (end < 0) {
          throw new IllegalArgumentException("line " + number + " opens a section without ']'");
        }
        section =
            sections.computeIfAbsent(line.substring(1, end).strip(), name -> new LinkedHashMap<>());
        continue;
      }
      int delimiter = indexOfAny(line, "=:");
      if (delimiter < 0) {
        throw new IllegalArgumentException("line " + number + " is not key = value");
      }
      section.put(line.substring(0, delimiter).strip(), value(line.substring(delimiter + 1)));
    }
    Map<String, String> sops = sections.remove("sops");
    List<Branch.Entry> data = new ArrayList<>();
    sections.forEach(
        (name, keys) -> {
          if (name.equals(DEFAULT_SECTION) && keys.isEmpty()) {
            return;
          }
          List<Branch.Entry> entries = new ArrayList<>();
          keys.forEach((key, value) -> entries.add(new Branch.Entry(key, value)));
          data.add(new Branch.Entry(name, new Branch(entries)));
        });
    return new EncryptedFile(
        List.of(new Branch(data)), sops == null ? null : FlatMetadata.unflatten(sops));
  }

  private static String value(String raw) {
    String value = raw.strip();
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    int comment = indexOfAny(value, "#;");
    return comment < 0 ? value : value.substring(0, comment).strip();
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
