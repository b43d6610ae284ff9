package io.helmsync.secret.sops;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which values of a file sops encrypted ({@code Tree.shouldBeEncrypted}): all of them but those
 * under a key ending with {@code unencrypted_suffix} (the default, {@code _unencrypted}), or only
 * those under a key ending with {@code encrypted_suffix}, or the same with {@code
 * unencrypted_regex} / {@code encrypted_regex}; a file has at most one of the four. The comment
 * rules ({@code unencrypted_comment_regex}, {@code encrypted_comment_regex}) depend on where
 * comments stand, which helmsync does not keep: under them a value counts as encrypted when it has
 * the form of an encrypted value, within what the other rule allows. The MAC still covers every
 * value (or every encrypted one), so a value swapped for another is refused all the same.
 */
record EncryptionRules(
    String unencryptedSuffix,
    String encryptedSuffix,
    Pattern unencryptedRegex,
    Pattern encryptedRegex,
    boolean unencryptedComments,
    boolean encryptedComments) {
  private static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  static EncryptionRules of(Map<String, Object> sops) {
    String unencryptedSuffix = SopsMetadata.text(sops, "unencrypted_suffix");
    String encryptedSuffix = SopsMetadata.text(sops, "encrypted_suffix");
    String unencryptedRegex = SopsMetadata.text(sops, "unencrypted_regex");
    String encryptedRegex = SopsMetadata.text(sops, "encrypted_regex");
    long rules =
        List.of(unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex).stream()
            .filter(rule -> !rule.isEmpty())
            .count();
    if (rules > 1) {
      throw new IllegalArgumentException(
          "sops metadata has more than one of encrypted_suffix, "
              + "unencrypted_suffix, encrypted_regex and unencrypted_regex");
    }
    return new EncryptionRules(
        rules == 0 ? DEFAULT_UNENCRYPTED_SUFFIX : unencryptedSuffix,
        encryptedSuffix,
        pattern(unencryptedRegex, "unencrypted_regex"),
        pattern(encryptedRegex, "encrypted_regex"),
        !SopsMetadata.text(sops, "unencrypted_comment_regex").isEmpty(),
        !SopsMetadata.text(sops, "encrypted_comment_regex").isEmpty());
  }

  private static Pattern pattern(String regex, String name) {
    try {
      return regex.isEmpty() ? null : Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("sops." + name + " is not a valid regular expression");
    }
  }

  /** Whether the value at {@code path} was encrypted. */
  boolean encrypted(List<String> path, Object value) {
    if (encryptedComments) {
      return ValueCipher.isEncrypted(value);
    }
    boolean encrypted = true;
    if (!unencryptedSuffix.isEmpty()) {
      encrypted = path.stream().noneMatch(key -> key.endsWith(unencryptedSuffix));
    }
    if (!encryptedSuffix.isEmpty()) {
      encrypted = path.stream().anyMatch(key -> key.endsWith(encryptedSuffix));
    }
    if (unencryptedRegex != null) {
      encrypted = path.stream().noneMatch(key -> unencryptedRegex.matcher(key).find());
    }
    if (encryptedRegex != null) {
      encrypted = path.stream().anyMatch(key -> encryptedRegex.matcher(key).find());
    }
    return encrypted && (!unencryptedComments || ValueCipher.isEncrypted(value));
  }
}
