package io.helmsync.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The AWS Secrets Manager secret that {@code config-repo-example}'s {@code orchestrate-demo}
 * environment refers to ({@code ref+awssecrets://orchestrate/demo#/...}), with distinctive test
 * values, so that tests can run the example against {@link FakeSecretsManager} and search their
 * output for the values.
 */
public final class ExampleSecrets {
  public static final String NAME = "orchestrate/demo";
  public static final String REGISTRY_USERNAME = "orchestrate-bot";
  public static final String REGISTRY_PASSWORD = "Reg1stry-P4ss-demo";
  public static final String API_KEY = "demo-Api-K3y-from-aws";
  public static final String JWT_CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nMIIB-demo-jwt-from-aws\n-----END CERTIFICATE-----";
  public static final String DB_PASSWORD = "Db-P4ssw0rd-demo";

  /** Each key of the secret's JSON and its value. */
  public static final Map<String, String> KEYS =
      orderedMap(
          "registryUsername", REGISTRY_USERNAME,
          "registryPassword", REGISTRY_PASSWORD,
          "apiKey", API_KEY,
          "jwtCertificate", JWT_CERTIFICATE,
          "dbPassword", DB_PASSWORD);

  private ExampleSecrets() {}

  /** The secret as stored in AWS: one JSON object. */
  public static String json() {
    try {
      return new ObjectMapper().writeValueAsString(KEYS);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started fake holding the example's secret; close it after the test. */
  public static FakeSecretsManager start() {
    return new FakeSecretsManager().put(NAME, json());
  }

  /**
   * What must never appear in output: each value and its base64 form. The registry username is left
   * out: it is a plain word that may well appear for other reasons.
   */
  public static List<String> forbidden() {
    return KEYS.values().stream()
        .filter(value -> !value.equals(REGISTRY_USERNAME))
        .flatMap(value -> Stream.of(value, base64(value)))
        .toList();
  }

  public static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
