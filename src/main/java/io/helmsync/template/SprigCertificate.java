package io.helmsync.template;

import java.util.Optional;

/**
 * Sprig's {@code certificate} struct, what {@code genCA} and its siblings return: the certificate
 * and its private key, both PEM, as the fields {@code .Cert} and {@code .Key}.
 */
record SprigCertificate(String cert, String key) implements GoStruct {
  @Override
  public String goType() {
    return "sprig.certificate";
  }

  @Override
  public Optional<Object> member(String name) {
    return Optional.ofNullable(switch (name) {
      case "Cert" -> cert;
      case "Key" -> key;
      default -> null;
    });
  }

  /** Go's {@code %v} of a struct, which {@code print}, {@code toString} and {@code printf} use. */
  @Override
  public String toString() {
    return "{" + cert + " " + key + "}";
  }
}
