package io.helmsync.secret;

import static io.helmsync.testing.FakeSecretsManager.BATCH;
import static io.helmsync.testing.FakeSecretsManager.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretResolverTest {
  private static final String DB =
      "{\"user\":\"orchestrate\",\"password\":\"s3cr3t-db\","
          + "\"port\":5432,\"tls\":{\"enabled\":true}}";

  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final ManualClock clock = new ManualClock();
  private final SecretResolver resolver =
      new SecretResolver(
          Map.of(
              SecretRef.Backend.AWS_SECRETS,
              new AwsSecretsBackend(region -> aws.client(), SecretRequests.NONE)),
          Duration.ofMinutes(5),
          clock);

  @AfterEach
  void stop() {
    aws.close();
  }

  private Object resolve(Object values) {
    return resolver.session().resolve(values, "helmfile.yaml releases[0] (api) values");
  }

  @Test
  void aClientThatCannotBeBuiltForWantOfARegionIsStalledWithoutTheSdksProviderList() {
    // The extension builds its client as a CDI bean: the SDK's exception arrives wrapped.
    SecretResolver noRegion =
        resolverWith(
            ref -> {
              throw new IllegalStateException(
                  "Error creating synthetic bean [kaJer8y]",
                  SdkClientException.create(
                      "Unable to load region from any of the providers in the chain "
                          + "software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@5a20: [...]"));
            });
    assertThatThrownBy(
            () ->
                noRegion
                    .session()
                    .resolve(
                        "ref+awssecrets://orchestrate/demo#/apiKey",
                        "environments/orchestrate-demo.yaml"))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "environments/orchestrate-demo.yaml: "
                          + "ref+awssecrets://orchestrate/demo#/apiKey: cannot create the AWS Secrets Manager "
                          + "client (Unable to load region); set AWS_REGION (or "
                          + "quarkus.secretsmanager.aws.region) or add ?region= to the reference");
            });
  }

  @Test
  void noCredentialsAtAllIsStalledAndSaysWhereCredentialsComeFrom() {
    SecretResolver noCredentials =
        resolverWith(
            ref ->
                SecretsManagerClient.builder()
                    .endpointOverride(aws.endpoint())
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(
                        () -> {
                          throw SdkClientException.create(
                              "Unable to load credentials from any of the providers "
                                  + "in the chain AwsCredentialsProviderChain(credentialsProviders=[...])");
                        })
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build());
    assertThatThrownBy(() -> noCredentials.session().resolve("ref+awssecrets://db", "values.yaml"))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "values.yaml: ref+awssecrets://db: no AWS "
                          + "credentials were found; give the agent's ServiceAccount an IAM role (IRSA) or set "
                          + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
            });
    assertThat(aws.requests()).isEmpty();
  }

  private SecretResolver resolverWith(Function<SecretRef, SecretsManagerClient> clients) {
    return new SecretResolver(
        Map.of(SecretRef.Backend.AWS_SECRETS, new AwsSecretsBackend(clients, SecretRequests.NONE)),
        Duration.ofMinutes(5),
        clock);
  }

  @Test
  void aStringSecretReplacesTheWholeValue() {
    aws.put("orchestrate/api-key", "k-123");
    assertThat(resolve(Map.of("apiKey", "ref+awssecrets://orchestrate/api-key")))
        .isEqualTo(Map.of("apiKey", "k-123"));
    assertThat(aws.requests())
        .allSatisfy(
            request -> {
              assertThat(request.getHeader("Content-Type"))
                  .startsWith("application/x-amz-json-1.1");
              assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 ");
            });
  }

  @Test
  void aFragmentPicksAKeyAndKeepsItsJsonType() {
    aws.put("orchestrate/db", DB);
    Object resolved =
        resolve(
            Map.of(
                "password", "ref+awssecrets://orchestrate/db#/password",
                "port", "ref+awssecrets://orchestrate/db#/port",
                "tls", "ref+awssecrets://orchestrate/db#/tls",
                "url", "postgres://ref+awssecrets://orchestrate/db#/user+@db:5432/app"));
    assertThat(resolved)
        .isEqualTo(
            Map.of(
                "password",
                "s3cr3t-db",
                "port",
                5432L,
                "tls",
                Map.of("enabled", true),
                "url",
                "postgres://orchestrate@db:5432/app"));
  }

  @Test
  void aVersionStageIsFetchedByItself() {
    aws.put("db", "current").put("db", "AWSPREVIOUS", "previous");
    assertThat(
            resolve(
                List.of("ref+awssecrets://db", "ref+awssecrets://db?version_stage=AWSPREVIOUS")))
        .isEqualTo(List.of("current", "previous"));
    assertThat(aws.requests(GET)).isEqualTo(2);
  }

  @Test
  void aMissingKeyNamesTheKeysButNoValue() {
    aws.put("orchestrate/db", DB);
    assertThatThrownBy(() -> resolve(Map.of("p", "ref+awssecrets://orchestrate/db#/passwd")))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessage(
            "helmfile.yaml releases[0] (api) values: ref+awssecrets://orchestrate/db#/passwd:"
                + " the secret has no key 'passwd'; its keys are [password, port, tls, user]");
  }

  @Test
  void aFragmentOfATextSecretDoesNotQuoteIt() {
    aws.put("plain", "not-json-s3cr3t");
    assertThatThrownBy(() -> resolve("ref+awssecrets://plain#/key"))
        .hasMessageContaining("the secret is not JSON")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void aBinarySecretIsReadAsText() {
    aws.putBinary("cert", "-----BEGIN CERTIFICATE-----".getBytes(StandardCharsets.UTF_8));
    assertThat(resolve("ref+awssecrets://cert")).isEqualTo("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void throttlingIsRetriedUntilAwsAnswers() {
    aws.put("db", "value").throttle(2);
    assertThat(resolve("ref+awssecrets://db")).isEqualTo("value");
    assertThat(aws.requests(GET)).isEqualTo(3);
  }

  @Test
  void throttlingThatLastsIsTransient() {
    aws.put("db", "value").throttle(100);
    assertThatThrownBy(() -> resolve("ref+awssecrets://db"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining(
            "ref+awssecrets://db: AWS Secrets Manager did not answer " + "(ThrottlingException)");
  }

  @Test
  void aServerErrorIsTransient() {
    aws.fail("db", "InternalServiceError");
    assertThatThrownBy(() -> resolve("ref+awssecrets://db"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT));
  }

  @Test
  void aMissingSecretIsStalledNamingTheReferenceAndRelease() {
    assertThatThrownBy(() -> resolve(Map.of("a", "ref+awssecrets://orchestrate/missing#/x")))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageStartingWith(
            "helmfile.yaml releases[0] (api) values: "
                + "ref+awssecrets://orchestrate/missing#/x: no such secret")
        .hasMessageEndingWith("(ResourceNotFoundException)");
  }

  @Test
  void aDeniedSecretIsStalled() {
    aws.fail("db", "AccessDeniedException");
    assertThatThrownBy(() -> resolve("ref+awssecrets://db"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("secretsmanager:GetSecretValue");
  }

  @Test
  void manySecretsAreFetchedInOneBatchAndIdenticalOnesOnce() {
    aws.put("a", "1").put("b", "{\"k\":\"2\"}").put("c", "3");
    Object resolved =
        resolve(
            Map.of(
                "x",
                List.of("ref+awssecrets://a", "ref+awssecrets://a"),
                "y",
                "ref+awssecrets://b#/k",
                "z",
                "ref+awssecrets://b",
                "w",
                "ref+awssecrets://c"));
    assertThat(resolved)
        .isEqualTo(Map.of("x", List.of("1", "1"), "y", "2", "z", "{\"k\":\"2\"}", "w", "3"));
    assertThat(aws.requests(BATCH)).isEqualTo(1);
    assertThat(aws.requests(GET)).isZero();
  }

  @Test
  void aRoleThatMayNotBatchFallsBackToOneCallPerSecret() {
    aws.put("a", "1").put("b", "2").denyBatch();
    assertThat(resolve(List.of("ref+awssecrets://a", "ref+awssecrets://b")))
        .isEqualTo(List.of("1", "2"));
    assertThat(aws.requests(GET)).isEqualTo(2);
  }

  @Test
  void aMissingSecretInABatchIsStalled() {
    aws.put("a", "1");
    assertThatThrownBy(() -> resolve(List.of("ref+awssecrets://a", "ref+awssecrets://gone")))
        .hasMessageContaining("ref+awssecrets://gone: no such secret");
  }

  @Test
  void theCacheServesUntilTheRefreshIntervalHasPassed() {
    aws.put("db", "v1");
    resolve("ref+awssecrets://db");
    clock.advance(Duration.ofMinutes(4));
    assertThat(resolve("ref+awssecrets://db")).isEqualTo("v1");
    assertThat(aws.requests(GET)).isEqualTo(1);

    aws.put("db", "v2");
    clock.advance(Duration.ofMinutes(2));
    assertThat(resolve("ref+awssecrets://db")).isEqualTo("v2");
    assertThat(aws.requests(GET)).isEqualTo(2);
  }

  @Test
  void refreshReportsARotatedSecret() {
    aws.put("db", "v1");
    resolve("ref+awssecrets://db");
    assertThat(resolver.refresh()).isFalse();
    aws.put("db", "v2");
    assertThat(resolver.refresh()).isTrue();
    assertThat(resolve("ref+awssecrets://db")).isEqualTo("v2");
  }

  @Test
  void theSessionRemembersEveryValueItHandedOut() {
    aws.put("orchestrate/db", DB);
    SecretSession session = resolver.session();
    session.resolve(
        Map.of(
            "db",
            "ref+awssecrets://orchestrate/db#/tls",
            "p",
            "ref+awssecrets://orchestrate/db#/password"),
        "f");
    assertThat(session.fetch("ref+awssecrets://orchestrate/db#/user")).isEqualTo("orchestrate");
    assertThat(session.values()).containsExactlyInAnyOrder("s3cr3t-db", "orchestrate");
  }

  @Test
  void anUnconfiguredBackendIsStalled() {
    assertThatThrownBy(
            () ->
                SecretResolver.unconfigured()
                    .session()
                    .resolve("ref+k8s://v1/Secret/demo/db/password", "values.yaml"))
        .hasMessage(
            "values.yaml: ref+k8s://v1/Secret/demo/db/password: the k8s secret backend is "
                + "not configured in this process; ref+k8s:// needs a cluster");
  }

  @Test
  void valuesWithoutReferencesNeverCallAws() {
    SecretResolver noAws =
        SecretResolver.of(
            region -> {
              throw new AssertionError("no client may be built");
            },
            null,
            Duration.ofMinutes(5));
    Map<String, Object> values = Map.of("plain", "ref+ but not a reference", "n", 1);
    assertThat(noAws.session().resolve(values, "f")).isEqualTo(values);
  }

  @Test
  void placeholdersNameTheReferenceFetchNothingAndAreStillMasked() {
    SecretSession session = SecretResolver.placeholders().session();
    Object resolved =
        session.resolve(
            Map.of(
                "apiKey", "ref+awssecrets://orchestrate/demo#/apiKey",
                "url",
                    "postgres://ref+awssecrets://orchestrate/demo?region=eu-west-1#/db/user+@db/app",
                "token", "ref+k8s://v1/Secret/demo/vault/token"),
            "values.yaml");
    assertThat(resolved)
        .isEqualTo(
            Map.of(
                "apiKey", "placeholder-for-awssecrets-orchestrate-demo-apiKey",
                "url", "postgres://placeholder-for-awssecrets-orchestrate-demo-db-user@db/app",
                "token", "placeholder-for-k8s-v1-Secret-demo-vault-token"));
    assertThat(session.values()).contains("placeholder-for-awssecrets-orchestrate-demo-apiKey");
    assertThat(aws.requests()).isEmpty();
  }

  @Test
  void placeholdersOnlyWhereNothingIsAppliedAndThereIsNoCluster() {
    Optional<Boolean> unset = Optional.empty();
    assertThat(resolver.orPlaceholders(unset, true, false, false))
        .as("the agent's dry run without a cluster")
        .isNotSameAs(resolver);
    assertThat(resolver.orPlaceholders(unset, false, false, false))
        .as("render without a cluster, not asked")
        .isSameAs(resolver);
    assertThat(resolver.orPlaceholders(Optional.of(true), false, false, false))
        .as("render without a cluster, asked")
        .isNotSameAs(resolver);
    assertThat(resolver.orPlaceholders(Optional.of(true), false, false, true))
        .as("a dry run against a cluster reads the real secrets")
        .isSameAs(resolver);
    assertThat(resolver.orPlaceholders(Optional.of(false), true, false, false))
        .as("turned off")
        .isSameAs(resolver);
    assertThatThrownBy(() -> resolver.orPlaceholders(Optional.of(true), true, true, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "HELMSYNC_SECRET_PLACEHOLDERS=true is refused when objects are applied");
  }
}
