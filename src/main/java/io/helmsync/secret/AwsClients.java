package io.helmsync.secret;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager clients by region: the extension's client (configured region, default
 * credentials chain, endpoint override) for references without {@code ?region=}, and one client
 * per other region, built alike, when a reference first asks for it.
 */
public final class AwsClients implements Function<String, SecretsManagerClient> {
  private final Supplier<SecretsManagerClient> configured;
  private final Optional<URI> endpointOverride;
  private final Map<String, SecretsManagerClient> byRegion = new ConcurrentHashMap<>();

  /**
   * @param configured the extension's client, asked for only when a reference needs it
   * @param endpointOverride {@code quarkus.secretsmanager.endpoint-override}, which applies to
   *     the other regions' clients too (VPC endpoints, emulators)
   */
  public AwsClients(Supplier<SecretsManagerClient> configured, Optional<URI> endpointOverride) {
    this.configured = configured;
    this.endpointOverride = endpointOverride;
  }

  @Override
  public SecretsManagerClient apply(String region) {
    return region == null ? configured.get() : byRegion.computeIfAbsent(region, this::build);
  }

  private SecretsManagerClient build(String region) {
    var builder = SecretsManagerClient.builder()
        .region(Region.of(region))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
