package io.helmsync.secret;

/**
 * The text a reference stands for when {@code HELMSYNC_SECRET_PLACEHOLDERS} is on: it says which
 * reference it replaces, so that a dry run without AWS renders the example, and it holds no {@code
 * ref+}, so nothing resolves it again. It is still handed out as a secret, so output masks it like
 * one.
 */
final class SecretPlaceholder {
  private SecretPlaceholder() {}

  /**
   * {@code ref+awssecrets://orchestrate/demo#/apiKey} stands for {@code
   * placeholder-for-awssecrets-orchestrate-demo-apiKey}.
   */
  static String of(SecretRef ref) {
    String named = ref.backend().scheme() + "/" + ref.path() + "/" + ref.fragment();
    return "placeholder-for-" + named.replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("-+$", "");
  }
}
