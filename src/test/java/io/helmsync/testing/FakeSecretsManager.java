package io.helmsync.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS Secrets Manager as WireMock: the JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue} or {@code BatchGetSecretValue}), secrets by name and version
 * stage, AWS's error shapes ({@code 400 {"__type": "ResourceNotFoundException"}}), throttling on
 * demand and a log of every request to count calls by.
 */
public final class FakeSecretsManager implements AutoCloseable {
  public static final String GET = "secretsmanager.GetSecretValue";
  public static final String BATCH = "secretsmanager.BatchGetSecretValue";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CURRENT = "AWSCURRENT";
  private static final Region REGION = Region.EU_WEST_1;
  private static final String ACCESS_KEY_ID = "AKIDTESTTESTTEST";
  private static final String SECRET_ACCESS_KEY = "test-secret-access-key";

  private final Map<String, ObjectNode> versions = new ConcurrentHashMap<>();
  private final Map<String, String> errors = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();
  private volatile boolean batchDenied;
  private volatile boolean launchesConfigured;
  private final WireMockServer server;

  public FakeSecretsManager() {
    server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
    server.start();
    server.stubFor(post("/").willReturn(ResponseDefinitionBuilder.okForEmptyJson()));
  }

  public URI endpoint() {
    return URI.create(server.baseUrl());
  }

  /**
   * The agent's configuration that points it at this fake, through the extension's standard
   * endpoint override, with the region and static credentials the client signs with.
   */
  public Map<String, String> agentConfiguration() {
    return Map.of(
        "quarkus.secretsmanager.endpoint-override",
        endpoint().toString(),
        "quarkus.secretsmanager.aws.region",
        REGION.id(),
        "quarkus.secretsmanager.aws.credentials.type",
        "static",
        "quarkus.secretsmanager.aws.credentials.static-provider.access-key-id",
        ACCESS_KEY_ID,
        "quarkus.secretsmanager.aws.credentials.static-provider.secret-access-key",
        SECRET_ACCESS_KEY);
  }

  /** A client as the agent's, with static test credentials, pointed at this fake. */
  public SecretsManagerClient client() {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint())
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public FakeSecretsManager put(String name, String secret) {
    return put(name, CURRENT, secret);
  }

  public FakeSecretsManager put(String name, String stage, String secret) {
    versions.put(name + "@" + stage, entry(name, stage).put("SecretString", secret));
    return this;
  }

  public FakeSecretsManager putBinary(String name, byte[] secret) {
    versions.put(
        name + "@" + CURRENT,
        entry(name, CURRENT).put("SecretBinary", Base64.getEncoder().encodeToString(secret)));
    return this;
  }

  /** Every request for the secret fails with this AWS error type. */
  public FakeSecretsManager fail(String name, String errorType) {
    errors.put(name, errorType);
    return this;
  }

  /** The next requests are answered with {@code ThrottlingException}. */
  public FakeSecretsManager throttle(int requests) {
    throttled.set(requests);
    return this;
  }

  /** A role without {@code secretsmanager:BatchGetSecretValue}. */
  public FakeSecretsManager denyBatch() {
    batchDenied = true;
    return this;
  }

  public int requests(String target) {
    return server
        .countRequestsMatching(
            postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).build())
        .getCount();
  }

  public List<LoggedRequest> requests() {
    return server.findAll(postRequestedFor(urlEqualTo("/")));
  }

  public void resetRequests() {
    server.resetRequests();
  }

  /**
   * Sets {@link #agentConfiguration()} as system properties, which every launch of a
   * {@code @QuarkusMainTest} reads; {@link #close()} clears them.
   */
  public FakeSecretsManager configureLaunches() {
    agentConfiguration().forEach(System::setProperty);
    launchesConfigured = true;
    return this;
  }

  @Override
  public void close() {
    if (launchesConfigured) {
      agentConfiguration().keySet().forEach(System::clearProperty);
    }
    server.stop();
  }

  private static ObjectNode entry(String name, String stage) {
    ObjectNode entry = JSON.createObjectNode();
    entry.put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-AbCdEf");
    entry.put("Name", name);
    entry.put("VersionId", "v-" + Math.abs((name + stage).hashCode()));
    entry.putArray("VersionStages").add(stage);
    entry.put("CreatedDate", 1.7e9);
    return entry;
  }

  private ResponseDefinition answer(LoggedRequest request) throws Exception {
    if (throttled.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
      return error(400, "ThrottlingException", "Rate exceeded");
    }
    JsonNode body = JSON.readTree(request.getBodyAsString());
    String target = request.getHeader("X-Amz-Target");
    if (GET.equals(target)) {
      return get(
          body.path("SecretId").asText(),
          body.path("VersionStage").asText(CURRENT),
          body.path("VersionId").asText(null));
    }
    if (BATCH.equals(target) && batchDenied) {
      return error(400, "AccessDeniedException", "not authorized to perform BatchGetSecretValue");
    }
    if (BATCH.equals(target)) {
      return batch(body.path("SecretIdList"));
    }
    return error(400, "UnknownOperationException", target);
  }

  private ResponseDefinition get(String id, String stage, String versionId) {
    String error = errors.get(id);
    if (error != null) {
      return error(error.equals("InternalServiceError") ? 500 : 400, error, "failed");
    }
    ObjectNode entry = find(id, stage, versionId);
    return entry == null
        ? error(
            400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
        : ok(entry);
  }

  private ObjectNode find(String id, String stage, String versionId) {
    if (versionId == null) {
      return versions.get(id + "@" + stage);
    }
    return versions.values().stream()
        .filter(
            v -> v.get("Name").asText().equals(id) && v.get("VersionId").asText().equals(versionId))
        .findFirst()
        .orElse(null);
  }

  private ResponseDefinition batch(JsonNode ids) {
    ObjectNode response = JSON.createObjectNode();
    ArrayNode values = response.putArray("SecretValues");
    ArrayNode failures = response.putArray("Errors");
    for (JsonNode id : ids) {
      String error =
          errors.getOrDefault(
              id.asText(),
              versions.containsKey(id.asText() + "@" + CURRENT)
                  ? null
                  : "ResourceNotFoundException");
      if (error != null) {
        failures
            .addObject()
            .put("SecretId", id.asText())
            .put("ErrorCode", error)
            .put("Message", "failed");
      } else {
        values.add(versions.get(id.asText() + "@" + CURRENT));
      }
    }
    return ok(response);
  }

  private static ResponseDefinition ok(JsonNode body) {
    return new ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body.toString())
        .build();
  }

  private static ResponseDefinition error(int status, String type, String message) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}")
        .build();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        return answer(event.getRequest());
      } catch (Exception e) {
        return error(500, "InternalServiceError", e.getClass().getSimpleName());
      }
    }

    @Override
    public String getName() {
      return "fake-secrets-manager";
    }
  }
}
