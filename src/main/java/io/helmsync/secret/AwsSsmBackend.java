package io.helmsync.secret;

import io.helmsync.model.ReconcileException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * {@code ref+awsssm://} references, read from SSM Parameter Store as vals reads them: {@code
 * ref+awsssm://PATH/TO/PARAM} is the parameter {@code /PATH/TO/PARAM}, and with {@code
 * ?mode=singleparam} a {@code #/key} fragment picks from its YAML value. The parameters of one
 * region and role are fetched together with {@code GetParameters} (10 to a call), SecureStrings
 * decrypted.
 */
final class AwsSsmBackend implements SecretBackend {
  /** SSM's limit on the names of one {@code GetParameters} call. */
  private static final int BATCH_SIZE = 10;

  private static final String SCHEME = SecretRef.Backend.AWS_SSM.scheme();

  private final Function<SecretRef, SsmClient> clients;
  private final SecretRequests requests;

  /**
   * @param clients the client for a reference's region and role ({@link AwsClients#ssm()}); only
   *     asked when a reference is met
   * @param requests where every call to AWS is counted, with how it ended
   */
  AwsSsmBackend(Function<SecretRef, SsmClient> clients, SecretRequests requests) {
    this.clients = clients;
    this.requests = requests;
  }

  /** The parameter's name: vals reads {@code ref+awsssm://a/b} as {@code /a/b}. */
  static String name(SecretRef ref) {
    return ref.path().startsWith("/") ? ref.path() : "/" + ref.path();
  }

  @Override
  public Map<String, String> fetch(Collection<SecretRef> refs) {
    refs.forEach(AwsSsmBackend::checkMode);
    Map<String, List<SecretRef>> byClient =
        refs.stream()
            .collect(
                Collectors.groupingBy(
                    ref -> ref.parameter("region") + " " + ref.parameter("role_arn"),
                    LinkedHashMap::new,
                    Collectors.toList()));
    Map<String, String> values = new LinkedHashMap<>();
    byClient
        .values()
        .forEach(
            group -> {
              SsmClient client = client(group.get(0));
              for (int start = 0; start < group.size(); start += BATCH_SIZE) {
                values.putAll(
                    batch(
                        client, group.subList(start, Math.min(start + BATCH_SIZE, group.size()))));
              }
            });
    return values;
  }

  /**
   * Without {@code ?mode=singleparam}, vals reads a fragment as the path of a parameter below a
   * prefix ({@code GetParametersByPath}), which helmsync does not: refused rather than read
   * differently.
   */
  private static void checkMode(SecretRef ref) {
    String mode = ref.parameter("mode");
    if (mode != null && !mode.equals("singleparam")) {
      throw ReconcileException.stalled(
          ref.text() + ": unknown mode '" + mode + "'; helmsync reads ?mode=singleparam");
    }
    if (mode == null && !ref.fragment().isEmpty()) {
      throw ReconcileException.stalled(
          ref.text()
              + ": reading the parameters below a path (GetParametersByPath) is not supported;"
              + " add ?mode=singleparam to pick #"
              + ref.fragment()
              + " from the parameter's YAML value, or name the parameter in full");
    }
  }

  private SsmClient client(SecretRef ref) {
    try {
      SsmClient client = clients.apply(ref);
      client.serviceClientConfiguration();
      return client;
    } catch (RuntimeException e) {
      SdkException sdk = AwsErrors.sdkCause(e).orElseThrow(() -> e);
      throw ReconcileException.stalled(
          ref.text()
              + ": cannot create the SSM client ("
              + AwsErrors.withoutProviderChain(sdk)
              + "); set AWS_REGION or add ?region= to the reference",
          e);
    }
  }

  /**
   * One {@code GetParameters} call; a name SSM reports invalid is stalled, naming its reference.
   */
  private Map<String, String> batch(SsmClient client, List<SecretRef> refs) {
    List<String> names = refs.stream().map(AwsSsmBackend::name).distinct().toList();
    GetParametersResponse response;
    try {
      response = counted(() -> client.getParameters(r -> r.names(names).withDecryption(true)));
    } catch (SdkException e) {
      throw AwsErrors.failure(refs.get(0), e);
    }
    for (String invalid : response.invalidParameters()) {
      refs.stream()
          .filter(ref -> name(ref).equals(invalid))
          .findFirst()
          .ifPresent(
              ref -> {
                throw AwsErrors.stalled(ref, "ParameterNotFound", null);
              });
    }
    Map<String, String> byName =
        response.parameters().stream()
            .collect(Collectors.toMap(Parameter::name, Parameter::value, (a, b) -> a));
    Map<String, String> values = new LinkedHashMap<>();
    for (SecretRef ref : refs) {
      String value = byName.get(name(ref));
      if (value == null) {
        throw AwsErrors.stalled(ref, "ParameterNotFound", null);
      }
      values.put(ref.location(), value);
    }
    return values;
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
}
