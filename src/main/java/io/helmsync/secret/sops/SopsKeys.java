package io.helmsync.secret.sops;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The private keys SOPS files are decrypted with, named as Flux names them: entries ending in
 * {@code .agekey} hold age identities (one {@code AGE-SECRET-KEY-1…} a line, {@code #} comments
 * allowed), entries ending in {@code .asc} hold OpenPGP secret keys without a passphrase. They come
 * from the data of a Kubernetes Secret or from the files of a mounted directory; other entries are
 * ignored. KMS keys need no entry: the agent's AWS identity is used. Key material never appears in
 * messages or in {@link #toString()}.
 */
public final class SopsKeys {
  private static final String AGE_SUFFIX = ".agekey";
  private static final String PGP_SUFFIX = ".asc";

  private final List<AgeIdentity> ageIdentities;
  private final PgpKeyring pgp;

  private SopsKeys(List<AgeIdentity> ageIdentities, PgpKeyring pgp) {
    this.ageIdentities = List.copyOf(ageIdentities);
    this.pgp = pgp;
  }

  /** No keys: only files whose data key is in KMS decrypt. */
  public static SopsKeys none() {
    return new SopsKeys(List.of(), PgpKeyring.empty());
  }

  /**
   * The keys in a Secret's data.
   *
   * @param source how messages name where the keys come from, e.g. {@code Secret flux/sops-keys}
   * @throws ReconcileException (stalled) when an entry is not a key of the type its name says
   */
  public static SopsKeys fromSecretData(String source, Map<String, byte[]> data) {
    List<AgeIdentity> age = new ArrayList<>();
    PgpKeyring pgp = PgpKeyring.empty();
    for (Map.Entry<String, byte[]> entry : new TreeMap<>(data).entrySet()) {
      String name = entry.getKey();
      try {
        if (name.endsWith(AGE_SUFFIX)) {
          age.addAll(ageIdentities(new String(entry.getValue(), StandardCharsets.UTF_8)));
        } else if (name.endsWith(PGP_SUFFIX)) {
          pgp = pgp.with(entry.getValue());
        }
      } catch (IllegalArgumentException e) {
        throw ReconcileException.stalled(
            source
                + ": "
                + name
                + ": "
                + e.getMessage()
                + "; SOPS keys are age identities in *"
                + AGE_SUFFIX
                + " and OpenPGP secret keys "
                + "in *"
                + PGP_SUFFIX);
      }
    }
    return new SopsKeys(age, pgp);
  }

  /**
   * The keys in the {@code *.agekey} and {@code *.asc} files of a directory (a mounted Secret);
   * hidden files, such as the {@code ..data} links Kubernetes mounts, are skipped.
   *
   * @throws ReconcileException (stalled) when the directory cannot be read or holds a bad key
   */
  public static SopsKeys fromDirectory(Path directory) {
    Map<String, byte[]> data = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".")
            && Files.isRegularFile(file)
            && (name.endsWith(AGE_SUFFIX) || name.endsWith(PGP_SUFFIX))) {
          data.put(name, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw ReconcileException.stalled(
          directory
              + ": cannot read SOPS keys ("
              + e.getClass().getSimpleName()
              + "); mount the keys' Secret there",
          e);
    }
    return fromSecretData(directory.toString(), data);
  }

  private static List<AgeIdentity> ageIdentities(String text) {
    List<AgeIdentity> identities = new ArrayList<>();
    text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .forEach(line -> identities.add(AgeIdentity.parse(line)));
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("holds no age identity");
    }
    return identities;
  }

  /** The keys of this keyring and of {@code other}: a mounted directory and a Secret together. */
  public SopsKeys and(SopsKeys other) {
    List<AgeIdentity> age = new ArrayList<>(ageIdentities);
    age.addAll(other.ageIdentities);
    return new SopsKeys(age, pgp.and(other.pgp));
  }

  List<AgeIdentity> ageIdentities() {
    return ageIdentities;
  }

  PgpKeyring pgp() {
    return pgp;
  }

  /**
   * What the keyring holds, by public names only (age recipients, PGP fingerprints): for messages,
   * and to tell whether a re-read keyring changed.
   */
  public String describe() {
    return ageIdentities.size()
        + " age identities"
        + (ageIdentities.isEmpty()
            ? ""
            : " ("
                + String.join(", ", ageIdentities.stream().map(AgeIdentity::recipient).toList())
                + ")")
        + " and "
        + pgp.fingerprints().size()
        + " PGP keys"
        + (pgp.fingerprints().isEmpty() ? "" : " (" + String.join(", ", pgp.fingerprints()) + ")");
  }

  @Override
  public String toString() {
    return "SopsKeys[" + describe() + "]";
  }
}
