package io.helmsync.secret.sops;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The data key of a file from its key groups ({@code Metadata.GetDataKeyWithKeyServices}): in each
 * group the keys are tried, age first, then PGP, then the others in file order, until one gives the
 * group's part; one group's part is the data key, several groups' parts are combined with Shamir
 * once {@code shamir_threshold} of them are recovered. A failure names every key tried and why,
 * never key material.
 */
final class DataKeyRecovery {
  private static final int DATA_KEY_SIZE = 32;

  private final SopsKeys keys;
  private final KmsKeys kms;

  DataKeyRecovery(SopsKeys keys, KmsKeys kms) {
    this.keys = keys;
    this.kms = kms;
  }

  /**
   * @throws ReconcileException stalled, or transient when only KMS failed and may answer later
   */
  byte[] recover(String file, SopsMetadata metadata) {
    List<byte[]> parts = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    boolean retryable = false;
    for (List<MasterKey> group : metadata.keyGroups()) {
      if (parts.size() == metadata.shamirThreshold()) {
        break;
      }
      for (MasterKey key : ordered(group)) {
        try {
          parts.add(part(key));
          break;
        } catch (KeyFailure e) {
          tried.add(key.describe() + ": " + e.getMessage());
          retryable |= e.retryable();
        }
      }
    }
    if (metadata.keyGroups().size() == 1 && parts.size() == 1) {
      return checked(file, parts.get(0));
    }
    if (metadata.keyGroups().size() > 1 && parts.size() >= metadata.shamirThreshold()) {
      try {
        return checked(file, Shamir.combine(parts));
      } catch (IllegalArgumentException e) {
        throw ReconcileException.stalled(
            file + ": the SOPS data key parts do not combine: " + e.getMessage());
      }
    }
    String message =
        file
            + ": cannot decrypt the SOPS data key"
            + (metadata.keyGroups().size() > 1
                ? " ("
                    + parts.size()
                    + " of the "
                    + metadata.shamirThreshold()
                    + " key groups needed were recovered)"
                : "")
            + "; tried "
            + String.join("; ", tried)
            + ". helmsync holds "
            + keys.describe()
            + "; add a key the file was encrypted for";
    throw retryable
        ? ReconcileException.transientError(message, null)
        : ReconcileException.stalled(message);
  }

  private static List<MasterKey> ordered(List<MasterKey> group) {
    return group.stream()
        .sorted(
            Comparator.comparingInt(
                key -> key instanceof MasterKey.Age ? 0 : key instanceof MasterKey.Pgp ? 1 : 2))
        .toList();
  }

  private byte[] part(MasterKey key) throws KeyFailure {
    try {
      if (key instanceof MasterKey.Age age) {
        return AgeFile.decrypt(age.enc(), keys.ageIdentities())
            .orElseThrow(() -> new KeyFailure("no age identity for this recipient", false));
      }
      if (key instanceof MasterKey.Pgp pgp) {
        return keys.pgp()
            .decrypt(pgp.enc())
            .orElseThrow(() -> new KeyFailure("no secret key for it", false));
      }
      if (key instanceof MasterKey.Kms aws) {
        return kms.decrypt(aws);
      }
      throw new KeyFailure("skipped", false);
    } catch (IllegalArgumentException e) {
      throw new KeyFailure(e.getMessage(), false);
    }
  }

  private static byte[] checked(String file, byte[] dataKey) {
    if (dataKey.length != DATA_KEY_SIZE) {
      throw ReconcileException.stalled(file + ": the SOPS data key is not 256 bits");
    }
    return dataKey;
  }
}
