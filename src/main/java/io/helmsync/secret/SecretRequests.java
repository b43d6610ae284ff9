package io.helmsync.secret;

import java.util.Locale;

/**
 * Where each request to a secret store is reported, one per API call (a batch is one), so that
 * {@code helmsync_secret_requests_total{backend,result}} shows what references cost and how AWS
 * answers. Labels are the backend's scheme and a closed set of results: never a secret's name.
 */
@FunctionalInterface
public interface SecretRequests {
  /** Reports nowhere: for tests and tools without metrics. */
  SecretRequests NONE = (backend, result) -> {};

  /** How a request ended. */
  enum Result {
    SUCCESS,
    NOT_FOUND,
    ACCESS_DENIED,
    THROTTLED,
    ERROR;

    /** The metric label: {@code success}, {@code not_found}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param backend the reference scheme: {@code awssecrets} or {@code k8s}
   */
  void record(String backend, Result result);
}
