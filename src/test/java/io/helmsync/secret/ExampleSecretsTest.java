package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.HelmfileState;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.Manifest;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.ManualClock;
import io.helmsync.testing.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example with its authentication values as {@code ref+awssecrets://orchestrate/demo#/...}
 * references (the example's own files still read them from the agent's environment, so this test
 * edits a copy): every value comes from the Secrets Manager stub, and how many AWS calls one
 * reconcile of the example costs.
 */
class ExampleSecretsTest {
  private static final String ENVIRONMENT = "orchestrate-demo";
  private static final String API_KEY = "demo-Api-K3y-from-aws";
  private static final String CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nMIIB-demo-from-aws\n-----END CERTIFICATE-----";
  private static final String DEMO_SECRET = "{\"apiKey\":\"" + API_KEY + "\",\"jwtCertificate\":\""
      + CERTIFICATE.replace("\n", "\\n") + "\"}";

  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final ManualClock clock = new ManualClock();
  @TempDir Path repo;

  @BeforeEach
  void exampleWithReferences() throws IOException {
    RepoFiles.copyExample(repo);
    Path environment = repo.resolve("environments/orchestrate-demo.yaml");
    Files.writeString(environment, Files.readString(environment) + """
        authentication:
          apiKey: ref+awssecrets://orchestrate/demo#/apiKey
          jwtCertificate: ref+awssecrets://orchestrate/demo#/jwtCertificate
        """);
    Path common = repo.resolve("values/orchestrate-common.yaml.gotmpl");
    Files.writeString(common, Files.readString(common)
        .replace("{{ env \"AUTH_API_KEY\" | quote }}", "{{ .Values.authentication.apiKey | quote }}")
        .replace("{{ env \"AUTH_JWT_CERTIFICATE\" | quote }}",
            "{{ .Values.authentication.jwtCertificate | quote }}"));
    aws.put("orchestrate/demo", DEMO_SECRET);
  }

  @AfterEach
  void stop() {
    aws.close();
  }

  @Test
  void theExampleRendersWithEverySecretFromTheStub() {
    List<Manifest> secrets = authSecrets(render(resolver(Duration.ofMinutes(5))));
    assertThat(secrets).as("one auth Secret per Orchestrate component").hasSizeGreaterThan(1);
    assertThat(secrets).allSatisfy(secret -> assertThat(data(secret))
        .containsEntry("AUTH_API_KEY", base64(API_KEY))
        .containsEntry("AUTH_JWT_CERTIFICATE", base64(CERTIFICATE)));
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

    System.out.printf("FIGURE: aws calls per reconcile of the example: %d without cache, %d with cache%n",
        withoutCache, withCache);
    assertThat(withoutCache).as("one secret, fetched once however many releases use it").isEqualTo(1);
    assertThat(withCache).as("a reconcile within the refresh interval asks AWS nothing").isZero();
  }

  @Test
  void placeholdersRenderTheExampleWithoutAws() {
    List<Manifest> secrets = authSecrets(render(SecretResolver.placeholders()));
    assertThat(secrets).isNotEmpty().allSatisfy(secret -> assertThat(data(secret))
        .containsEntry("AUTH_API_KEY", base64("placeholder-for-awssecrets-orchestrate-demo-apiKey")));
    assertThat(aws.requests()).isEmpty();
  }

  private SecretResolver resolver(Duration refresh) {
    return new SecretResolver(Map.of(SecretRef.Backend.AWS_SECRETS,
        new AwsSecretsBackend(ref -> aws.client(), SecretRequests.NONE)), refresh, clock);
  }

  private HelmfileState load(SecretResolver resolver) {
    StateOptions defaults = StateOptions.of("helmfile.yaml", ENVIRONMENT, Map.of());
    StateOptions options = new StateOptions(defaults.stateFile(), defaults.namespace(),
        defaults.gotmplOnly(), defaults.environmentVariables(), defaults.secretVariables(),
        resolver, defaults.functions());
    return new HelmfileLoader(options).load(RepoFiles.snapshot(repo, "r1"), ENVIRONMENT);
  }

  private List<Manifest> render(SecretResolver resolver) {
    HelmChartRenderer renderer = new HelmChartRenderer(ChartContext.offline());
    return new ReleasePlanner(ENVIRONMENT).plan(load(resolver)).releases().stream()
        .flatMap(release -> renderer.render(release, repo).manifests().stream()).toList();
  }

  private static List<Manifest> authSecrets(List<Manifest> manifests) {
    return manifests.stream().filter(m -> m.ref().kind().equals("Secret")
        && m.ref().name().endsWith("-auth")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Manifest secret) {
    return (Map<String, Object>) secret.body().get("data");
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
