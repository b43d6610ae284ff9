package io.helmsync.secret.sops;

import java.util.Locale;
import java.util.Optional;

/** The document formats a SOPS file can have, told apart by the file's extension as sops does. */
public enum SopsFormat {
  YAML,
  JSON,
  DOTENV,
  INI;

  /** The format of a file by its name, or empty for sops' binary format, which is not read. */
  public static Optional<SopsFormat> of(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return Optional.of(YAML);
    }
    if (name.endsWith(".json")) {
      return Optional.of(JSON);
    }
    if (name.endsWith(".env")) {
      return Optional.of(DOTENV);
    }
    if (name.endsWith(".ini")) {
      return Optional.of(INI);
    }
    return Optional.empty();
  }
}
