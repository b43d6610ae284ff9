package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * GET requests for chart sources on {@link HttpClient}. Redirects are followed here rather than by
 * the client, so that credentials reach only the host they are meant for (S3 and CDNs behind a
 * repository must not see them); a failure becomes a {@link ReconcileException} typed by what
 * should happen next: an unreachable or failing server is transient, a refusal or an untrusted
 * certificate is stalled.
 */
final class ChartHttp {
  private static final int MAX_REDIRECTS = 5;

  private final Duration timeout;
  private final HttpClient systemTrust;
  private final Map<Path, HttpClient> byCaFile = new ConcurrentHashMap<>();

  ChartHttp(Duration timeout) {
    this.timeout = timeout;
    this.systemTrust = builder().build();
  }

  /** A response whose body has been read. */
  record Response(int status, HttpHeaders headers, byte[] body) {
    boolean ok() {
      return status / 100 == 2;
    }

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  /** What to send: the credentials, and to which hosts. */
  record Request(URI uri, String accept, String authorization, boolean authorizeOtherHosts) {
    Request {
      Objects.requireNonNull(uri, "uri");
    }

    static Request anonymous(URI uri, String accept) {
      return new Request(uri, accept, null, false);
    }

    Request withAuthorization(String header) {
      return new Request(uri, accept, header, authorizeOtherHosts);
    }
  }

  static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param what what is fetched, for messages (never with credentials)
   * @throws ReconcileException TRANSIENT when the server cannot be reached or times out
   */
  Response get(Request request, ChartRepository repository, String what, String where) {
    HttpClient client = client(repository, where);
    URI uri = request.uri();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      boolean authorize =
          request.authorization() != null
              && (request.authorizeOtherHosts()
                  || Objects.equals(uri.getHost(), request.uri().getHost()));
      Response response =
          send(
              client,
              httpRequest(uri, request.accept(), authorize ? request.authorization() : null),
              what,
              where);
      Optional<String> location = response.header("Location");
      if (response.status() / 100 != 3 || location.isEmpty()) {
        return response;
      }
      uri = uri.resolve(location.get());
    }
    throw ReconcileException.stalled(
        where
            + ": "
            + what
            + " redirects more than "
            + MAX_REDIRECTS
            + " times; check the repository URL");
  }

  /** Maps an unexpected status to the error it stands for. */
  static ReconcileException failure(Response response, String what, String where) {
    int status = response.status();
    if (status >= 500 || status == 429 || status == 408) {
      return ReconcileException.transientError(
          where + ": " + what + " answered HTTP " + status + "; retrying", null);
    }
    if (status == 401 || status == 403) {
      return ReconcileException.stalled(
          where
              + ": "
              + what
              + " refused access (HTTP "
              + status
              + "); check the repository's username and password");
    }
    return ReconcileException.stalled(
        where
            + ": "
            + what
            + " answered HTTP "
            + status
            + "; check the repository URL and chart name");
  }

  /**
   * Plain {@code http://} goes out as HTTP/1.1, as Helm's Go client sends it: the JDK would offer
   * an upgrade to HTTP/2 ({@code h2c}), which lighttpd accepts and then closes after a 401, so a
   * wrong password would look like an unreachable server. HTTPS still negotiates HTTP/2.
   */
  private HttpRequest httpRequest(URI uri, String accept, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(timeout).GET().header("User-Agent", "helmsync");
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    if (accept != null) {
      builder.header("Accept", accept);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private Response send(HttpClient client, HttpRequest request, String what, String where) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (SSLHandshakeException e) {
      throw ReconcileException.stalled(
          where
              + ": "
              + what
              + ": the TLS handshake failed ("
              + e.getMessage()
              + "); if the server's certificate is signed by a private CA, give the "
              + "repository's caFile",
          e);
    } catch (HttpTimeoutException e) {
      throw ReconcileException.transientError(
          where + ": " + what + " did not answer within " + timeout.toSeconds() + "s; retrying", e);
    } catch (IOException e) {
      throw ReconcileException.transientError(
          where + ": " + what + " is unreachable (" + e.getClass().getSimpleName() + "); retrying",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ReconcileException.transientError(where + ": interrupted while fetching " + what, e);
    }
  }

  private HttpClient client(ChartRepository repository, String where) {
    if (repository == null || repository.caFile() == null) {
      return systemTrust;
    }
    return byCaFile.computeIfAbsent(
        repository.caFile(),
        file -> builder().sslContext(trusting(file, repository, where)).build());
  }

  private HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  /** Trusts only the certificates of the file, as Helm's {@code caFile} does. */
  private static SSLContext trusting(Path file, ChartRepository repository, String where) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw ReconcileException.stalled(
          where
              + ": repository '"
              + repository.name()
              + "': cannot read caFile "
              + file.getFileName()
              + " ("
              + e.getMessage()
              + "); give a PEM file of CA certificates",
          e);
    }
  }
}
