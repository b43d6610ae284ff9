package io.helmsync.template.helmfile;

/**
 * Where helmfile's {@code fetchSecretValue} and {@code expandSecretRefs} read secrets. The secret
 * package implements it (AWS Secrets Manager, Kubernetes Secrets, cache); the template package only
 * finds the references, so it stays free of I/O and credentials.
 */
@FunctionalInterface
public interface SecretPort {
  /** No secret backend: every reference fails, telling the operator what to configure. */
  SecretPort NOT_CONFIGURED =
      ref -> {
        throw new IllegalStateException(
            "secrets are not configured in this agent; configure a "
                + "secret backend to resolve vals references such as ref+awssecrets://");
      };

  /**
   * The value a vals reference points to.
   *
   * @param ref one reference as written in the template, e.g. {@code ref+awssecrets://db#/password}
   *     (without the optional closing {@code +})
   * @throws RuntimeException with a message that names the reference but never a secret value
   */
  String fetch(String ref);
}
