package io.helmsync.secret;

import java.util.Collection;
import java.util.Map;

/** A store that secrets are read from: AWS Secrets Manager, Kubernetes Secrets. */
interface SecretBackend {
  /**
   * The whole secrets the references point to, fetched together where the store allows.
   *
   * @param refs references with distinct {@link SecretRef#location()}s, all of this backend
   * @return each location's secret text
   * @throws io.helmsync.model.ReconcileException stalled when a secret is missing or denied,
   *     transient when the store could not answer; naming the reference, never a value
   */
  Map<String, String> fetch(Collection<SecretRef> refs);
}
