package io.helmsync.secret.sops;

import java.util.Map;

/**
 * One master key of a key group, as the file's metadata names it, with the data key (or its Shamir
 * part) encrypted to it. Only what is needed to decrypt and to name the key in an error is kept;
 * key types helmsync cannot use are kept by name, so that an error can say what was tried.
 */
sealed interface MasterKey {
  /** How errors name the key: its type and its public identifier, never key material. */
  String describe();

  /** An OpenPGP key by fingerprint; {@code enc} is an armored PGP message. */
  record Pgp(String fingerprint, String enc) implements MasterKey {
    @Override
    public String describe() {
      return "pgp " + fingerprint;
    }
  }

  /** An age X25519 recipient; {@code enc} is an armored age file. */
  record Age(String recipient, String enc) implements MasterKey {
    @Override
    public String describe() {
      return "age " + recipient;
    }
  }

  /**
   * An AWS KMS key, used through {@code role} when one is given, with the encryption context the
   * data key was encrypted under; {@code enc} is the base64 ciphertext blob.
   */
  record Kms(String arn, String role, Map<String, String> context, String enc)
      implements MasterKey {
    public Kms {
      context = Map.copyOf(context);
    }

    @Override
    public String describe() {
      return "kms " + arn + (role.isEmpty() ? "" : " (role " + role + ")");
    }
  }

  /** A key of a type helmsync does not decrypt with (GCP KMS, Azure Key Vault, Vault, ...). */
  record Unsupported(String type, String name) implements MasterKey {
    @Override
    public String describe() {
      return type + " " + name + " (not supported by helmsync)";
    }
  }
}
