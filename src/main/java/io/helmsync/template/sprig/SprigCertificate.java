package io.helmsync.template.sprig;

import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoType;
import java.util.Optional;

/**
 * Sprig's {@code certificate} struct, what {@code genCA} and its siblings return: the certificate
 * and its private key, both PEM, as the fields {@code .Cert} and {@code .Key}.
 */
record SprigCertificate(String cert, String key) implements GoStruct {
  /** The type {@code genSignedCert} declares for its CA. */
  static final GoType TYPE =
      new GoType.Named("sprig.certificate", false, SprigCertificate.class::isInstance);

  @Override
  public String goType() {
    return TYPE.goName();
  }

  @Override
  public Optional<Object> member(String name) {
    return Optional.ofNullable(
        switch (name) {
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
