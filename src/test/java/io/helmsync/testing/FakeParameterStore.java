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
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * SSM Parameter Store as WireMock: the JSON 1.1 protocol ({@code POST /}, {@code X-Amz-Target:
 * AmazonSSM.GetParameters} and {@code GetParametersByPath}, 10 to a page), names it does not hold
 * in {@code InvalidParameters}, SecureStrings answered only with {@code WithDecryption}, throttling
 * and 5xx on demand, and the names each call asked for.
 */
public final class FakeParameterStore implements AutoCloseable {
  public static final String GET_PARAMETERS = "AmazonSSM.GetParameters";
  public static final String BY_PATH = "AmazonSSM.GetParametersByPath";

  /** SSM's largest page of {@code GetParametersByPath}. */
  private static final int PAGE = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> parameters = new ConcurrentHashMap<>();
  private final List<List<String>> calls = new ArrayList<>();
  private final AtomicInteger failing = new AtomicInteger();
  private volatile String failure = "ThrottlingException";
  private final WireMockServer server;

  public FakeParameterStore() {
    server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
    server.start();
    server.stubFor(post("/").willReturn(ResponseDefinitionBuilder.okForEmptyJson()));
  }

  /** A client with static test credentials, pointed at this fake. */
  public SsmClient client() {
    return SsmClient.builder()
        .endpointOverride(URI.create(server.baseUrl()))
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  public FakeParameterStore put(String name, String type, String value) {
    ObjectNode parameter = JSON.createObjectNode();
    parameter.put("Name", name);
    parameter.put("Type", type);
    parameter.put("Value", value);
    parameter.put("Version", 1);
    parameter.put("LastModifiedDate", 1.7e9);
    parameter.put("ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter" + name);
    parameter.put("DataType", "text");
    parameters.put(name, parameter);
    return this;
  }

  /** The next requests fail with this AWS error ({@code ThrottlingException}, 5xx otherwise). */
  public FakeParameterStore fail(int requests, String errorType) {
    failure = errorType;
    failing.set(requests);
    return this;
  }

  public int requests() {
    return requests(GET_PARAMETERS);
  }

  public int requests(String target) {
    return server
        .countRequestsMatching(
            postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)).build())
        .getCount();
  }

  /** The names of each {@code GetParameters} call, in order. */
  public synchronized List<List<String>> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop();
  }

  private ResponseDefinition answer(String target, JsonNode body) {
    if (failing.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
      return error(failure.equals("ThrottlingException") ? 400 : 500, failure);
    }
    if (BY_PATH.equals(target)) {
      return byPath(body);
    }
    if (!GET_PARAMETERS.equals(target)) {
      return error(400, "UnknownOperationException");
    }
    boolean decrypt = body.path("WithDecryption").asBoolean(false);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode found = response.putArray("Parameters");
    ArrayNode invalid = response.putArray("InvalidParameters");
    List<String> names = new ArrayList<>();
    for (JsonNode name : body.path("Names")) {
      names.add(name.asText());
      ObjectNode parameter = parameters.get(name.asText());
      if (parameter == null) {
        invalid.add(name.asText());
      } else if (parameter.get("Type").asText().equals("SecureString") && !decrypt) {
        found.add(parameter.deepCopy().put("Value", "AQICAHencrypted=="));
      } else {
        found.add(parameter);
      }
    }
    synchronized (this) {
      calls.add(names);
    }
    return ok(response);
  }

  /** The parameters below {@code Path}, recursively, by name, a page at a time. */
  private ResponseDefinition byPath(JsonNode body) {
    String prefix = body.path("Path").asText().replaceFirst("/?$", "/");
    boolean recursive = body.path("Recursive").asBoolean(false);
    List<ObjectNode> below =
        parameters.values().stream()
            .filter(p -> p.get("Name").asText().startsWith(prefix))
            .filter(
                p -> recursive || !p.get("Name").asText().substring(prefix.length()).contains("/"))
            .sorted(Comparator.comparing(p -> p.get("Name").asText()))
            .toList();
    int start = body.path("NextToken").asInt(0);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode page = response.putArray("Parameters");
    below.subList(start, Math.min(start + PAGE, below.size())).forEach(page::add);
    if (start + PAGE < below.size()) {
      response.put("NextToken", String.valueOf(start + PAGE));
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

  private static ResponseDefinition error(int status, String type) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"failed\"}")
        .build();
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      try {
        return answer(
            event.getRequest().getHeader("X-Amz-Target"),
            JSON.readTree(event.getRequest().getBodyAsString()));
      } catch (Exception e) {
        return error(500, "InternalServerError");
      }
    }

    @Override
    public String getName() {
      return "fake-parameter-store";
    }
  }
}
