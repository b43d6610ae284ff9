package io.helmsync.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;

/**
 * fabric8's CRUD mock API server with {@link ApplyPatchDispatcher}, on 127.0.0.1 over plain HTTP.
 *
 * <pre>{@code
 * try (ApplyMockServer server = ApplyMockServer.start()) {
 *   KubernetesClient client = server.client();
 *   ... server.dispatcher().writes() ...
 * }
 * }</pre>
 */
public final class ApplyMockServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final ApplyPatchDispatcher dispatcher;
  private final KubernetesClient client;

  private ApplyMockServer(KubernetesMockServer server, ApplyPatchDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = server.createClient();
  }

  public static ApplyMockServer start() {
    ApplyPatchDispatcher dispatcher = new ApplyPatchDispatcher();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
    return new ApplyMockServer(server, dispatcher);
  }

  /** {@code http://127.0.0.1:<port>}, for {@code quarkus.kubernetes-client.api-server-url}. */
  public String url() {
    String url = server.url("/");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A client for the test's own reads and writes; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  public ApplyPatchDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
