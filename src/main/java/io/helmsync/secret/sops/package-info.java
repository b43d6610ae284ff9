/**
 * SOPS decryption in process, without the {@code sops} binary and without writing plaintext to
 * disk: a port of the parts of getsops/sops that read encrypted files. It holds the file formats
 * (YAML, JSON, dotenv, INI with their {@code sops} metadata), the AES-256-GCM value cipher with the
 * key path as additional data, the MAC check over the plaintext values, and the recovery of the
 * data key from the file's key groups (PGP, age X25519, AWS KMS, Shamir's secret sharing across
 * groups). Keys come from a {@link io.helmsync.secret.sops.SopsKeys} keyring. Entry point: {@link
 * io.helmsync.secret.sops.SopsDecryptor}.
 */
package io.helmsync.secret.sops;
