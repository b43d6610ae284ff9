package io.helmsync.secret;

import io.helmsync.model.ReconcileException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a Secrets Manager or SSM Parameter Store failure means for the reconcile: the operator must
 * act (a missing or denied secret: stalled) or AWS may answer later (throttling, 5xx, timeouts:
 * transient). Messages carry AWS's error code, never the secret or AWS's own text.
 */
final class AwsErrors {
  private static final Set<String> STALLED =
      Set.of(
          "ResourceNotFoundException",
          "AccessDeniedException",
          "DecryptionFailure",
          "InvalidRequestException",
          "InvalidParameterException",
          "UnrecognizedClientException",
          "InvalidSignatureException");

  /** How the SDK's default credentials chain says that none of its providers had any. */
  private static final String NO_CREDENTIALS = "Unable to load credentials";

  /** What the SDK appends to a failed chain's message: every provider and its own failure. */
  private static final String PROVIDER_CHAIN = " from any of the providers in the chain";

  private AwsErrors() {}

  /** The SDK's exception in a cause chain, if any. */
  static Optional<SdkException> sdkCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SdkException sdk) {
        return Optional.of(sdk);
      }
    }
    return Optional.empty();
  }

  /** The SDK's message without the list of providers it tried ("Unable to load region"). */
  static String withoutProviderChain(SdkException e) {
    String message = String.valueOf(e.getMessage());
    int chain = message.indexOf(PROVIDER_CHAIN);
    return chain < 0 ? message : message.substring(0, chain);
  }

  static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
  }

  /** What a failed request counts as in {@code helmsync_secret_requests_total}. */
  static SecretRequests.Result result(SdkException e) {
    if (!(e instanceof AwsServiceException service)) {
      return SecretRequests.Result.ERROR;
    }
    if (service.isThrottlingException()) {
      return SecretRequests.Result.THROTTLED;
    }
    return switch (code(service)) {
      case "ResourceNotFoundException" -> SecretRequests.Result.NOT_FOUND;
      case "AccessDeniedException" -> SecretRequests.Result.ACCESS_DENIED;
      default -> SecretRequests.Result.ERROR;
    };
  }

  static ReconcileException failure(SecretRef ref, SdkException e) {
    if (e instanceof AwsServiceException service
        && !service.isThrottlingException()
        && service.statusCode() < 500) {
      return stalled(ref, code(service), e);
    }
    if (String.valueOf(e.getMessage()).startsWith(NO_CREDENTIALS)) {
      return ReconcileException.stalled(
          ref.text()
              + ": no AWS credentials were found; give the "
              + "agent's ServiceAccount an IAM role (IRSA) or set AWS_ACCESS_KEY_ID and "
              + "AWS_SECRET_ACCESS_KEY",
          e);
    }
    return ReconcileException.transientError(
        ref.text()
            + ": "
            + service(ref)
            + " did not answer ("
            + (e instanceof AwsServiceException service
                ? code(service)
                : e.getClass().getSimpleName())
            + "); retrying with backoff",
        e);
  }

  /** A per-secret error of a batch call, thrown as a single call's would be. */
  static void check(SecretRef ref, String errorCode) {
    if (STALLED.contains(errorCode)) {
      throw stalled(ref, errorCode, null);
    }
    throw ReconcileException.transientError(
        ref.text()
            + ": "
            + service(ref)
            + " did not return the secret ("
            + errorCode
            + "); retrying with backoff",
        null);
  }

  private static String service(SecretRef ref) {
    return ref.backend() == SecretRef.Backend.AWS_SSM
        ? "AWS SSM Parameter Store"
        : "AWS Secrets Manager";
  }

  static ReconcileException stalled(SecretRef ref, String code, Throwable cause) {
    return ReconcileException.stalled(
        ref.text() + ": " + explanation(ref, code) + " (" + code + ")", cause);
  }

  private static String explanation(SecretRef ref, String code) {
    if (ref.backend() == SecretRef.Backend.AWS_SSM) {
      return switch (code) {
        case "ParameterNotFound" ->
            (ref.readsPath() ? "no parameters below " : "no such parameter ")
                + AwsSsmBackend.name(ref)
                + " in SSM Parameter Store; create it (aws ssm put-parameter) or fix the reference";
        case "AccessDeniedException" ->
            "the agent's AWS role may not read this parameter; grant it ssm:GetParameters on the"
                + " parameter, and kms:Decrypt on the key of a SecureString";
        default ->
            "SSM Parameter Store refused the request; check the reference and the agent's "
                + "AWS credentials";
      };
    }
    return switch (code) {
      case "ResourceNotFoundException" ->
          "no such secret or version in AWS Secrets Manager; "
              + "create it (aws secretsmanager create-secret) or fix the reference";
      case "AccessDeniedException" ->
          "the agent's AWS role may not read this secret; grant it "
              + "secretsmanager:GetSecretValue on the secret";
      case "AccessDenied" ->
          "the agent's AWS role may not assume the role in role_arn; allow it "
              + "sts:AssumeRole on that role, and the role's trust policy the agent's role";
      case "DecryptionFailure" ->
          "AWS cannot decrypt the secret; grant the agent's role "
              + "kms:Decrypt on the secret's KMS key";
      default ->
          "AWS Secrets Manager refused the request; check the reference and the agent's "
              + "AWS credentials";
    };
  }

  /**
   * The reference's client, built now rather than on its first call: the extension's client is a
   * CDI bean behind a proxy that builds it on first use, and a missing region arrives wrapped in
   * the container's exception, so the SDK's cause is found here and explained.
   *
   * @param service the client's name in the message ({@code AWS Secrets Manager})
   * @param fix what to set when the client cannot be built
   */
  static <C extends SdkClient> C client(
      Function<SecretRef, C> clients, SecretRef ref, String service, String fix) {
    try {
      C client = clients.apply(ref);
      client.serviceClientConfiguration();
      return client;
    } catch (RuntimeException e) {
      SdkException sdk = sdkCause(e).orElseThrow(() -> e);
      throw ReconcileException.stalled(
          ref.text()
              + ": cannot create the "
              + service
              + " client ("
              + withoutProviderChain(sdk)
              + "); "
              + fix,
          e);
    }
  }
}
