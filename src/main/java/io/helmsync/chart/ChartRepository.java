package io.helmsync.chart;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A chart repository or OCI registry that remote charts are fetched from, with what is needed to
 * talk to it (the chart package's view of a helmfile {@code repositories:} entry).
 *
 * @param name what {@code name/chart} references call it
 * @param url the repository's base URL; for OCI, {@code host/path} with or without {@code oci://}
 * @param username basic-auth user; null for none
 * @param password basic-auth password or token; secret, never printed
 * @param oci whether it is an OCI registry
 * @param caFile PEM certificates to trust instead of the system's; null for the system's
 * @param skipTlsVerify helmfile's {@code skipTLSVerify}, which helmsync refuses
 * @param passCredentials send the credentials to chart URLs on other hosts too
 * @param clientCertificate whether {@code certFile}/{@code keyFile} are set, which helmsync refuses
 */
public record ChartRepository(
    String name,
    String url,
    String username,
    String password,
    boolean oci,
    Path caFile,
    boolean skipTlsVerify,
    boolean passCredentials,
    boolean clientCertificate) {

  public ChartRepository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }

  boolean hasCredentials() {
    return username != null && password != null;
  }

  /** The URL for messages: never with user information, which may hold a password. */
  String displayUrl() {
    return displayed(url);
  }

  static String displayed(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getRawUserInfo() == null) {
        return url;
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return url.replaceAll("//[^/@]*@", "//");
    }
  }

  @Override
  public String toString() {
    return "ChartRepository["
        + name
        + " "
        + displayUrl()
        + (username == null ? "" : " user " + username)
        + (password == null ? "" : " password ***")
        + (oci ? " oci" : "")
        + "]";
  }
}
