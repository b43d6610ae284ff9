package io.helmsync.secret;

import io.helmsync.secret.sops.AssumedRoles;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.CredentialUtils;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Secrets Manager clients for references: the extension's client (configured region, default
 * credentials chain, endpoint override) for references without {@code ?region=} or {@code
 * ?role_arn=}, and one client per other (region, role), built when a reference first asks for it. A
 * role is assumed with STS {@code AssumeRole} using the agent's own credentials, and its temporary
 * credentials are renewed by the SDK before they expire; STS is reached at its regional endpoint,
 * or wherever the SDK's {@code AWS_ENDPOINT_URL_STS} points.
 */
public final class AwsClients implements Function<SecretRef, SecretsManagerClient> {
  private final Supplier<SecretsManagerClient> configured;
  private final Optional<URI> endpointOverride;
  private final Map<Target, SecretsManagerClient> byTarget = new ConcurrentHashMap<>();
  private final Map<Target, SsmClient> ssmByTarget = new ConcurrentHashMap<>();

  /**
   * @param configured the extension's client, asked for only when a reference needs it
   * @param endpointOverride {@code quarkus.secretsmanager.endpoint-override}, which applies to the
   *     other regions' and roles' clients too (VPC endpoints, emulators)
   */
  public AwsClients(Supplier<SecretsManagerClient> configured, Optional<URI> endpointOverride) {
    this.configured = configured;
    this.endpointOverride = endpointOverride;
  }

  /** Where a reference's secret is read from, and as whom. */
  private record Target(String region, String roleArn) {}

  @Override
  public SecretsManagerClient apply(SecretRef ref) {
    Target target = new Target(ref.parameter("region"), ref.parameter("role_arn"));
    return target.region() == null && target.roleArn() == null
        ? configured.get()
        : byTarget.computeIfAbsent(target, this::build);
  }

  private SecretsManagerClient build(Target target) {
    SecretsManagerServiceClientConfiguration base = configured.get().serviceClientConfiguration();
    Region region = target.region() == null ? base.region() : Region.of(target.region());
    var builder =
        SecretsManagerClient.builder()
            .region(region)
            .credentialsProvider(
                target.roleArn() == null
                    ? base.credentialsProvider()
                    : AssumedRoles.credentials(
                        target.roleArn(), region, base.credentialsProvider()))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * SSM Parameter Store clients for {@code ref+awsssm://}, one per (region, role), as the agent's
   * Secrets Manager client's identity and region unless the reference sets {@code ?region=} or
   * {@code ?role_arn=}. Its endpoint is the SDK's own ({@code AWS_ENDPOINT_URL_SSM}): Secrets
   * Manager's override names another service's endpoint.
   */
  public Function<SecretRef, SsmClient> ssm() {
    return ref ->
        ssmByTarget.computeIfAbsent(
            new Target(ref.parameter("region"), ref.parameter("role_arn")), this::buildSsm);
  }

  private SsmClient buildSsm(Target target) {
    SecretsManagerServiceClientConfiguration base = configured.get().serviceClientConfiguration();
    Region region = target.region() == null ? base.region() : Region.of(target.region());
    return SsmClient.builder()
        .region(region)
        .credentialsProvider(
            target.roleArn() == null
                ? base.credentialsProvider()
                : AssumedRoles.credentials(target.roleArn(), region, base.credentialsProvider()))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /**
   * The configured client's credentials (the default chain unless configured otherwise), asked for
   * only when used: AWS KMS, for SOPS files, runs as the same identity as Secrets Manager.
   */
  public AwsCredentialsProvider credentials() {
    return () ->
        CredentialUtils.toCredentials(
            configured
                .get()
                .serviceClientConfiguration()
                .credentialsProvider()
                .resolveIdentity()
                .join());
  }
}
