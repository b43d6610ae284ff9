package io.helmsync.secret;

import static io.helmsync.testing.ExampleSecrets.API_KEY;
import static io.helmsync.testing.ExampleSecrets.DB_PASSWORD;
import static io.helmsync.testing.ExampleSecrets.JWT_CERTIFICATE;
import static io.helmsync.testing.ExampleSecrets.REGISTRY_PASSWORD;
import static io.helmsync.testing.ExampleSecrets.REGISTRY_USERNAME;
import static io.helmsync.testing.ExampleSecrets.base64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Manifest;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.testing.ExampleSecrets;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.ManualClock;
import io.helmsync.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * config-repo-example's {@code orchestrate-demo} environment holds only {@code
 * ref+awssecrets://orchestrate/demo#/...} references: every value comes from the Secrets Manager
 * stub into the Secrets the charts make, and one reconcile of the example costs one AWS call
 * without the cache and none with it.
 */
class ExampleSecretsTest {
  private static final String ENVIRONMENT = "orchestrate-demo";
  private static final Path EXAMPLE = Path.of("config-repo-example").toAbsolutePath();

  private final FakeSecretsManager aws = ExampleSecrets.start();
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void everyComponentReadsTheApiKeyCertificateAndDatabasePasswordFromTheStub() {
    List<Manifest> secrets = secrets(render(resolver(Duration.ofMinutes(5))), "-secrets");
    assertThat(secrets).as("one Secret per Orchestrate component").hasSize(7);
    assertThat(secrets)
        .allSatisfy(
            secret ->
                assertThat(data(secret))
                    .containsEntry("AUTH_API_KEY", base64(API_KEY))
                    .containsEntry("AUTH_JWT_CERTIFICATE", base64(JWT_CERTIFICATE))
                    .containsEntry("DB_PASSWORD", base64(DB_PASSWORD)));
  }

  @Test
  void postgresGetsItsPasswordFromTheStubThroughItsOwnSecret() {
    assertThat(secrets(render(resolver(Duration.ofMinutes(5))), "postgres-credentials"))
        .singleElement()
        .satisfies(
            secret ->
                assertThat(data(secret))
                    .containsExactly(Map.entry("password", base64(DB_PASSWORD))));
  }

  @Test
  void theImagePullSecretIsADockerConfigWithTheRegistryCredentials() throws IOException {
    Manifest pullSecret =
        secrets(render(resolver(Duration.ofMinutes(5))), "orchestrate-registry").get(0);
    assertThat(pullSecret.body()).containsEntry("type", "kubernetes.io/dockerconfigjson");
    JsonNode auth =
        new ObjectMapper()
            .readTree(
                Base64.getDecoder().decode((String) data(pullSecret).get(".dockerconfigjson")))
            .path("auths")
            .path("docker.io");
    assertThat(auth.path("username").asText()).isEqualTo(REGISTRY_USERNAME);
    assertThat(auth.path("password").asText()).isEqualTo(REGISTRY_PASSWORD);
    assertThat(auth.path("auth").asText())
        .isEqualTo(base64(REGISTRY_USERNAME + ":" + REGISTRY_PASSWORD));
  }

  @Test
  void awsCallsPerReconcileWithAndWithoutCache() {
    SecretResolver uncached = resolver(Duration.ZERO);
    load(uncached);
    aws.resetRequests();
    load(uncached);
    int withoutCache = aws.requests().size();

    SecretResolver cached = resolver(Duration.ofMinutes(5));
    load(cached);
    aws.resetRequests();
    load(cached);
    int withCache = aws.requests().size();

    System.out.printf(
        "FIGURE: aws calls per reconcile of the example: %d without cache, %d with cache%n",
        withoutCache, withCache);
    assertThat(withoutCache)
        .as("one secret, fetched once however many releases use it")
        .isEqualTo(1);
    assertThat(withCache).as("a reconcile within the refresh interval asks AWS nothing").isZero();
  }

  @Test
  void placeholdersRenderTheExampleWithoutAws() {
    List<Manifest> secrets = secrets(render(SecretResolver.placeholders()), "-secrets");
    assertThat(secrets)
        .hasSize(7)
        .allSatisfy(
            secret ->
                assertThat(data(secret))
                    .containsEntry(
                        "AUTH_API_KEY",
                        base64("placeholder-for-awssecrets-orchestrate-demo-apiKey")));
    assertThat(aws.requests()).isEmpty();
  }

  @Test
  void theDefaultEnvironmentHasNoReferencesAndNoPullSecret() {
    HelmfileState state = load(SecretResolver.placeholders(), "default");
    assertThat(state.releases())
        .filteredOn(release -> release.name().equals("image-pull-secret"))
        .singleElement()
        .satisfies(release -> assertThat(release.installed()).isFalse());
    assertThat(state.secretValues()).isEmpty();
  }

  private SecretResolver resolver(Duration refresh) {
    return new SecretResolver(
        Map.of(
            SecretRef.Backend.AWS_SECRETS,
            new AwsSecretsBackend(ref -> aws.client(), SecretRequests.NONE)),
        refresh,
        clock);
  }

  private HelmfileState load(SecretResolver resolver) {
    return load(resolver, ENVIRONMENT);
  }

  private HelmfileState load(SecretResolver resolver, String environment) {
    StateOptions options =
        StateOptions.of("helmfile.yaml", environment, Map.of()).withSecrets(resolver);
    return new HelmfileLoader(options).load(RepoFiles.snapshot(EXAMPLE, "r1"), environment);
  }

  private List<Manifest> render(SecretResolver resolver) {
    HelmChartRenderer renderer = new HelmChartRenderer(ChartContext.offline());
    return new ReleasePlanner(ENVIRONMENT)
        .plan(load(resolver)).releases().stream()
            .flatMap(release -> renderer.render(release, EXAMPLE).manifests().stream())
            .toList();
  }

  private static List<Manifest> secrets(List<Manifest> manifests, String nameSuffix) {
    return manifests.stream()
        .filter(m -> m.ref().kind().equals("Secret") && m.ref().name().endsWith(nameSuffix))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Manifest secret) {
    return (Map<String, Object>) secret.body().get("data");
  }
}
