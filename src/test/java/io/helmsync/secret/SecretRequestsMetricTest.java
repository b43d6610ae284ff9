package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.helmsync.observe.ReconcileMetrics;
import io.helmsync.testing.FakeSecretsManager;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helmsync_secret_requests_total{backend,result}} as Prometheus scrapes it, counted against
 * a WireMock Secrets Manager: one sample per call to AWS (a batch is one call; the SDK's own
 * retries of a throttled call are inside it), with the result AWS gave.
 */
class SecretRequestsMetricTest {
  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ReconcileMetrics metrics = new ReconcileMetrics(registry);
  private final SecretResolver resolver =
      SecretResolver.of(
          region -> aws.client(),
          null,
          Duration.ofMinutes(5),
          (backend, result) -> metrics.secretRequested(backend, result.label()));

  @AfterEach
  void stop() {
    aws.close();
  }

  record Case(
      String name, Consumer<FakeSecretsManager> aws, List<String> refs, List<String> samples) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "three secrets in one batch",
            aws -> aws.put("a", "1").put("b", "2").put("c", "3"),
            List.of("a", "b", "c"),
            List.of("result=\"success\",} 1.0")),
        new Case(
            "throttled twice, then answered by the SDK's retry",
            aws -> aws.put("a", "1").throttle(2),
            List.of("a"),
            List.of("result=\"success\",} 1.0")),
        new Case(
            "throttled beyond the SDK's retries",
            aws -> aws.put("a", "1").throttle(100),
            List.of("a"),
            List.of("result=\"throttled\",} 1.0")),
        new Case("missing", aws -> {}, List.of("a"), List.of("result=\"not_found\",} 1.0")),
        new Case(
            "denied",
            aws -> aws.fail("a", "AccessDeniedException"),
            List.of("a"),
            List.of("result=\"access_denied\",} 1.0")),
        new Case(
            "AWS failing",
            aws -> aws.fail("a", "InternalServiceError"),
            List.of("a"),
            List.of("result=\"error\",} 1.0")),
        new Case(
            "a role that may not batch: the denied batch, then one call per secret",
            aws -> aws.put("a", "1").put("b", "2").denyBatch(),
            List.of("a", "b"),
            List.of("result=\"access_denied\",} 1.0", "result=\"success\",} 2.0")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void everyCallToAwsIsCountedWithItsResult(Case c) {
    c.aws().accept(aws);
    catchThrowable(
        () ->
            resolver
                .session()
                .resolve(
                    c.refs().stream().map(name -> "ref+awssecrets://" + name).toList(),
                    "values.yaml"));

    List<String> samples =
        registry
            .scrape()
            .lines()
            .filter(line -> line.startsWith("helmsync_secret_requests_total{"))
            .toList();
    assertThat(samples).hasSameSizeAs(c.samples());
    c.samples()
        .forEach(
            sample ->
                assertThat(samples)
                    .contains("helmsync_secret_requests_total{backend=\"awssecrets\"," + sample));
  }
}
