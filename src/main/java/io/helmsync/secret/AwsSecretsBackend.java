package io.helmsync.secret;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * {@code ref+awssecrets://} references, read from AWS Secrets Manager. References to the current
 * version of secrets in one region are fetched with {@code BatchGetSecretValue} (20 to a call);
 * pinned versions, lone references, and every reference when the role may not batch, with {@code
 * GetSecretValue}.
 */
final class AwsSecretsBackend implements SecretBackend {
  /** Secrets Manager's limit on the secret ids of one {@code BatchGetSecretValue} call. */
  private static final int BATCH_SIZE = 20;

  private static final String SCHEME = SecretRef.Backend.AWS_SECRETS.scheme();

  private final Function<SecretRef, SecretsManagerClient> clients;
  private final SecretRequests requests;

  /**
   * @param clients the client for a reference's region and role ({@link AwsClients}); only asked
   *     when a reference is met, so that a state without references needs no AWS set-up
   * @param requests where every call to AWS is counted, with how it ended
   */
  AwsSecretsBackend(Function<SecretRef, SecretsManagerClient> clients, SecretRequests requests) {
    this.clients = clients;
    this.requests = requests;
  }

  @Override
  public Map<String, String> fetch(Collection<SecretRef> refs) {
    Map<String, String> secrets = new LinkedHashMap<>();
    Map<String, List<SecretRef>> byClient =
        refs.stream()
            .collect(
                Collectors.groupingBy(
                    ref -> ref.parameter("region") + " " + ref.parameter("role_arn"),
                    LinkedHashMap::new,
                    Collectors.toList()));
    byClient.values().forEach(group -> secrets.putAll(fetchWithOneClient(group)));
    return secrets;
  }

  /** References of one region and role, which one client reads, in batches where it can. */
  private Map<String, String> fetchWithOneClient(List<SecretRef> refs) {
    SecretsManagerClient client = client(refs.get(0));
    List<SecretRef> current = refs.stream().filter(AwsSecretsBackend::isCurrentVersion).toList();
    Map<String, String> secrets = new LinkedHashMap<>();
    if (current.size() > 1) {
      for (int start = 0; start < current.size(); start += BATCH_SIZE) {
        secrets.putAll(
            batch(client, current.subList(start, Math.min(start + BATCH_SIZE, current.size()))));
      }
    }
    refs.stream()
        .filter(ref -> !secrets.containsKey(ref.location()))
        .forEach(ref -> secrets.put(ref.location(), single(client, ref)));
    return secrets;
  }

  private static boolean isCurrentVersion(SecretRef ref) {
    return ref.parameter("version_stage") == null && ref.parameter("version_id") == null;
  }

  private SecretsManagerClient client(SecretRef ref) {
    return AwsErrors.client(
        clients,
        ref,
        "AWS Secrets Manager",
        "set AWS_REGION (or quarkus.secretsmanager.aws.region) or add ?region= to the reference");
  }

  /**
   * The secrets one batch call returned, by location; ids it did not return are left to {@code
   * GetSecretValue}, and a role without {@code BatchGetSecretValue} falls back to it.
   */
  private Map<String, String> batch(SecretsManagerClient client, List<SecretRef> refs) {
    BatchGetSecretValueResponse response;
    try {
      response =
          counted(
              () ->
                  client.batchGetSecretValue(
                      request ->
                          request.secretIdList(refs.stream().map(SecretRef::path).toList())));
    } catch (SecretsManagerException e) {
      if ("AccessDeniedException".equals(AwsErrors.code(e))) {
        return Map.of();
      }
      throw AwsErrors.failure(refs.get(0), e);
    } catch (SdkException e) {
      throw AwsErrors.failure(refs.get(0), e);
    }
    for (APIErrorType error : response.errors()) {
      refs.stream()
          .filter(ref -> ref.path().equals(error.secretId()))
          .findFirst()
          .ifPresent(ref -> AwsErrors.check(ref, error.errorCode()));
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    for (SecretValueEntry entry : response.secretValues()) {
      refs.stream()
          .filter(ref -> ref.path().equals(entry.name()) || ref.path().equals(entry.arn()))
          .forEach(
              ref ->
                  secrets.put(
                      ref.location(),
                      text(
                          entry.secretString(),
                          entry.secretBinary() == null
                              ? null
                              : entry.secretBinary().asByteArray())));
    }
    return secrets;
  }

  private String single(SecretsManagerClient client, SecretRef ref) {
    GetSecretValueRequest request =
        GetSecretValueRequest.builder()
            .secretId(ref.path())
            .versionStage(ref.parameter("version_stage"))
            .versionId(ref.parameter("version_id"))
            .build();
    try {
      GetSecretValueResponse response = counted(() -> client.getSecretValue(request));
      return text(
          response.secretString(),
          response.secretBinary() == null ? null : response.secretBinary().asByteArray());
    } catch (SdkException e) {
      throw AwsErrors.failure(ref, e);
    }
  }

  /** One call to AWS, counted as it ends. */
  private <T> T counted(Supplier<T> call) {
    try {
      T response = call.get();
      requests.record(SCHEME, SecretRequests.Result.SUCCESS);
      return response;
    } catch (SdkException e) {
      requests.record(SCHEME, AwsErrors.result(e));
      throw e;
    }
  }

  /** A binary secret is read as UTF-8 text, as vals does. */
  private static String text(String string, byte[] binary) {
    return string != null
        ? string
        : new String(binary == null ? new byte[0] : binary, StandardCharsets.UTF_8);
  }
}
