package io.helmsync.secret;

import io.helmsync.secret.sops.KmsKeys;
import io.helmsync.secret.sops.SopsDecryptor;
import io.helmsync.secret.sops.SopsKeys;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where helmfile's {@code secrets:} files are decrypted: with the private keys of {@code
 * HELMSYNC_SOPS_SECRET} and {@code HELMSYNC_SOPS_KEYS_DIR}, and AWS KMS as the agent's AWS
 * identity. The keys are read again by each load that meets a SOPS file, so that rotated keys are
 * used by the next reconcile; the decryptor, and with it the plaintext cached by file content, is
 * kept while the keys stay the same, so that an unchanged file costs no KMS call. Plaintext stays
 * in memory.
 */
public final class SopsFiles {
  /** The encrypted bytes whose plaintext is kept: far more than a repository's secrets files. */
  private static final long CACHE_CAPACITY = 16L << 20;

  private final Supplier<SopsKeys> keys;
  private final KmsKeys kms;
  private String heldKeys;
  private SopsDecryptor decryptor;

  /**
   * @param keys read on each load that meets a SOPS file
   */
  public SopsFiles(Supplier<SopsKeys> keys, KmsKeys kms) {
    this.keys = keys;
    this.kms = kms;
  }

  /** No private keys: only files encrypted with KMS decrypt, with the SDK's default credentials. */
  public static SopsFiles kmsOnly() {
    return new SopsFiles(
        SopsKeys::none,
        new KmsKeys(DefaultCredentialsProvider.builder().build(), Optional.empty()));
  }

  /**
   * The keys of a Secret and of a mounted directory together, either of which may be absent.
   *
   * @throws io.helmsync.model.ReconcileException (from {@link Supplier#get()}) when one cannot be
   *     read or holds a bad key
   */
  public static Supplier<SopsKeys> keys(
      Optional<Supplier<SopsKeys>> secret, Optional<Path> directory) {
    return () -> {
      SopsKeys held = directory.map(SopsKeys::fromDirectory).orElseGet(SopsKeys::none);
      return secret.map(read -> held.and(read.get())).orElse(held);
    };
  }

  /** The decryptor for the keys held now, the same one while they do not change. */
  synchronized SopsDecryptor decryptor() {
    SopsKeys current = keys.get();
    if (decryptor == null || !current.describe().equals(heldKeys)) {
      decryptor = new SopsDecryptor(current, kms, CACHE_CAPACITY);
      heldKeys = current.describe();
    }
    return decryptor;
  }
}
