package io.helmsync.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content checksum of a release: its objects and hooks as rendered, without the Git revision
 * annotation that every commit changes. A release is upgraded (its {@code pre-upgrade} and {@code
 * post-upgrade} hooks run) only when this changes, so a commit elsewhere in the repository runs no
 * hook. Only the digest is stored, never the content, which may hold secrets.
 */
final class ReleaseChecksum {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private ReleaseChecksum() {}

  static String of(DesiredRelease release) {
    MessageDigest digest = sha256();
    release.objects().forEach(object -> update(digest, object));
    for (Hook hook : release.hooks()) {
      update(digest, hook.manifest());
      digest.update(
          (hook.events() + " " + hook.weight() + " " + hook.deletePolicies())
              .getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, Manifest object) {
    try {
      digest.update(CANONICAL.writeValueAsBytes(Ownership.withoutRevision(object.body())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(object.ref() + ": cannot serialise for its checksum", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
