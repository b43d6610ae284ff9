package io.helmsync.secret.sops;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Roles assumed with STS {@code AssumeRole}: by SOPS' KMS keys with a {@code role}, and by Secrets
 * Manager references with {@code ?role=} (through {@code io.helmsync.secret.AwsClients}). It lives
 * here, the lower of the two packages, so that neither depends on the other both ways.
 */
public final class AssumedRoles {
  /** The session name CloudTrail shows for calls made through an assumed role. */
  public static final String SESSION_NAME = "helmsync";

  private AssumedRoles() {}

  /**
   * Credentials of {@code roleArn}, assumed in {@code region} as {@code own} and renewed by the SDK
   * before they expire.
   */
  public static AwsCredentialsProvider credentials(
      String roleArn, Region region, IdentityProvider<? extends AwsCredentialsIdentity> own) {
    StsClient sts =
        StsClient.builder()
            .region(region)
            .credentialsProvider(own)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(request -> request.roleArn(roleArn).roleSessionName(SESSION_NAME))
        .build();
  }
}
