package io.helmsync.secret;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * {@code ref+awsssm://} references, read from SSM Parameter Store as vals reads them: {@code
 * ref+awsssm://PATH/TO/PARAM} is the parameter {@code /PATH/TO/PARAM}, and with {@code
 * ?mode=singleparam} a {@code #/key} fragment picks from its YAML value; without it, {@code
 * ref+awsssm://PREFIX#/PATH/TO/PARAM} picks from the parameters below the prefix ({@code
 * GetParametersByPath}, recursive). The single parameters of one region and role are fetched
 * together with {@code GetParameters} (10 to a call); SecureStrings are decrypted.
 */
final class AwsSsmBackend implements SecretBackend {
  /** SSM's limit on the names of one {@code GetParameters} call. */
  private static final int BATCH_SIZE = 10;

  private static final String SCHEME = SecretRef.Backend.AWS_SSM.scheme();
  private static final ObjectMapper JSON = new ObjectMapper();

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
    byClient.values().forEach(group -> values.putAll(fetchWithOneClient(group)));
    return values;
  }

  /** References of one region and role: single parameters in batches, then each path. */
  private Map<String, String> fetchWithOneClient(List<SecretRef> refs) {
    SsmClient client = client(refs.get(0));
    List<SecretRef> single = refs.stream().filter(ref -> !ref.readsPath()).toList();
    Map<String, String> values = new LinkedHashMap<>();
    for (int start = 0; start < single.size(); start += BATCH_SIZE) {
      values.putAll(
          batch(client, single.subList(start, Math.min(start + BATCH_SIZE, single.size()))));
    }
    refs.stream()
        .filter(SecretRef::readsPath)
        .forEach(ref -> values.computeIfAbsent(ref.location(), location -> path(client, ref)));
    return values;
  }

  private static void checkMode(SecretRef ref) {
    String mode = ref.parameter("mode");
    if (mode != null && !mode.equals("singleparam")) {
      throw ReconcileException.stalled(
          ref.text() + ": unknown mode '" + mode + "'; helmsync reads ?mode=singleparam");
    }
  }

  private SsmClient client(SecretRef ref) {
    return AwsErrors.client(clients, ref, "SSM", "set AWS_REGION or add ?region= to the reference");
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

  /**
   * Every parameter below the reference's prefix, as vals builds them: a JSON object nested by the
   * segments of each name after the prefix, for the fragment to pick from.
   */
  private String path(SsmClient client, SecretRef ref) {
    String prefix = name(ref);
    Map<String, Object> tree = new LinkedHashMap<>();
    String next = null;
    do {
      String token = next;
      GetParametersByPathResponse page;
      try {
        page =
            counted(
                () ->
                    client.getParametersByPath(
                        r -> r.path(prefix).recursive(true).withDecryption(true).nextToken(token)));
      } catch (SdkException e) {
        throw AwsErrors.failure(ref, e);
      }
      page.parameters().forEach(p -> put(tree, p.name().substring(prefix.length()), p.value()));
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    if (tree.isEmpty()) {
      throw AwsErrors.stalled(ref, "ParameterNotFound", null);
    }
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("ssm parameters below " + prefix + " cannot be written", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> tree, String relative, String value) {
    String[] segments = relative.replaceFirst("^/", "").split("/");
    Map<String, Object> node = tree;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = node.computeIfAbsent(segments[i], k -> new LinkedHashMap<String, Object>());
      if (!(child instanceof Map)) {
        return;
      }
      node = (Map<String, Object>) child;
    }
    node.putIfAbsent(segments[segments.length - 1], value);
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
