package io.helmsync.secret.sops;

import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Data keys encrypted with AWS KMS, decrypted with {@code kms:Decrypt} in the key's own region
 * (from its ARN), with the encryption context sops stored, as the agent's AWS identity or as the
 * key's {@code role} assumed with STS. One client per region and role, built on first use; {@code
 * endpointOverride} serves VPC endpoints and emulators.
 */
public final class KmsKeys {
  private final IdentityProvider<? extends AwsCredentialsIdentity> own;
  private final Optional<URI> endpointOverride;
  private final Map<Target, KmsClient> clients = new ConcurrentHashMap<>();

  /**
   * @param own the agent's credentials (the SDK's default chain in the cluster)
   * @param endpointOverride where KMS is reached instead of its regional endpoint
   */
  public KmsKeys(
      IdentityProvider<? extends AwsCredentialsIdentity> own, Optional<URI> endpointOverride) {
    this.own = own;
    this.endpointOverride = endpointOverride;
  }

  private record Target(Region region, String role) {}

  byte[] decrypt(MasterKey.Kms key) throws KeyFailure {
    String[] arn = key.arn().split(":", 6);
    if (arn.length < 6 || !arn[0].equals("arn") || !arn[2].equals("kms")) {
      throw new KeyFailure("not a KMS key ARN", false);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(key.enc().replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new KeyFailure("the encrypted data key is not base64", false);
    }
    KmsClient client =
        clients.computeIfAbsent(new Target(Region.of(arn[3]), key.role()), this::build);
    try {
      return client
          .decrypt(
              request ->
                  request
                      .keyId(key.arn())
                      .ciphertextBlob(SdkBytes.fromByteArray(blob))
                      .encryptionContext(key.context()))
          .plaintext()
          .asByteArray();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      boolean retryable = e.isThrottlingException() || e.statusCode() >= 500;
      throw new KeyFailure(explanation(code) + " (" + code + ")", retryable);
    } catch (SdkException e) {
      throw new KeyFailure("AWS KMS did not answer (" + e.getClass().getSimpleName() + ")", true);
    }
  }

  private KmsClient build(Target target) {
    var builder =
        KmsClient.builder()
            .region(target.region())
            .credentialsProvider(
                target.role().isEmpty()
                    ? own
                    : AssumedRoles.credentials(target.role(), target.region(), own))
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpointOverride.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static String explanation(String code) {
    return switch (code) {
      case "AccessDeniedException" ->
          "the agent's AWS role may not use this key; grant it " + "kms:Decrypt on the key";
      case "AccessDenied" ->
          "the agent's AWS role may not assume the key's role; allow it "
              + "sts:AssumeRole on that role";
      case "InvalidCiphertextException" ->
          "KMS refused the encrypted data key: it was changed, "
              + "or the encryption context differs";
      case "IncorrectKeyException" -> "the data key was encrypted with another KMS key";
      case "NotFoundException" -> "no such KMS key";
      case "DisabledException", "KMSInvalidStateException" ->
          "the KMS key is disabled or " + "pending deletion";
      default -> "AWS KMS refused to decrypt";
    };
  }
}
