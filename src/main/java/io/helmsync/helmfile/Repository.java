package io.helmsync.helmfile;

import java.util.Objects;

/**
 * A {@code repositories:} entry: where {@code repo/chart} references are fetched from.
 *
 * @param password secret; never printed (see {@link #toString()})
 */
public record Repository(
    String name,
    String url,
    String username,
    String password,
    boolean oci,
    String caFile,
    String certFile,
    String keyFile,
    boolean skipTlsVerify,
    boolean passCredentials) {

  public Repository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }

  @Override
  public String toString() {
    return "Repository["
        + name
        + " "
        + url
        + (username == null ? "" : " user " + username)
        + (password == null ? "" : " password ***")
        + (oci ? " oci" : "")
        + "]";
  }
}
