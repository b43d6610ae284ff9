package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.FakeParameterStore;
import io.helmsync.testing.ManualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsSsmBackendTest {
  private final FakeParameterStore ssm = new FakeParameterStore();
  private final SecretResolver resolver =
      new SecretResolver(
          Map.of(
              SecretRef.Backend.AWS_SSM,
              new AwsSsmBackend(ref -> ssm.client(), SecretRequests.NONE)),
          Duration.ofMinutes(5),
          new ManualClock());

  @AfterEach
  void stop() {
    ssm.close();
  }

  private Object resolve(Object values) {
    return resolver.session().resolve(values, "helmfile.yaml releases[0] (api) values");
  }

  @Test
  void theParametersOfOneReconcileAreFetchedTenToAGetParametersCallAndThenFromTheCache() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      ssm.put("/orchestrate/p" + i, "String", "value-" + i);
      values.put("p" + i, "ref+awsssm://orchestrate/p" + i);
    }
    ssm.put("/orchestrate/db/password", "SecureString", "s3cr3t-db");
    values.put("password", "ref+awsssm://orchestrate/db/password?region=eu-west-1");

    SecretSession session = resolver.session();
    Map<?, ?> resolved = (Map<?, ?>) session.resolve(values, "helmfile.yaml values");

    assertThat(resolved.get("p11")).isEqualTo("value-11");
    assertThat(resolved.get("password")).isEqualTo("s3cr3t-db");
    assertThat(session.values()).contains("s3cr3t-db", "value-0");
    // 12 parameters of the configured region in two calls, one of ?region=eu-west-1.
    assertThat(ssm.calls()).extracting(List::size).containsExactlyInAnyOrder(10, 2, 1);
    assertThat(ssm.calls()).allSatisfy(names -> assertThat(names).allMatch(n -> n.startsWith("/")));

    resolve(values);
    assertThat(ssm.requests()).isEqualTo(3);
  }

  @Test
  void aMissingParameterIsStalledNamingTheReferenceAndNoValue() {
    ssm.put("/orchestrate/present", "SecureString", "s3cr3t-present");

    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "a", "ref+awsssm://orchestrate/present",
                        "b", "ref+awsssm://orchestrate/missing")))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .contains("ref+awsssm://orchestrate/missing", "/orchestrate/missing")
                  .contains("ParameterNotFound")
                  .doesNotContain("s3cr3t-present");
            });
    assertThat(ssm.requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ThrottlingException", "InternalServerError"})
  void throttlingAndServerErrorsAreTransient(String error) {
    ssm.put("/orchestrate/p", "String", "v").fail(10, error);

    assertThatThrownBy(() -> resolve(Map.of("p", "ref+awsssm://orchestrate/p")))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.TRANSIENT);
              assertThat(e.getMessage()).contains("ref+awsssm://orchestrate/p", "SSM");
            });
  }

  @Test
  void singleParamModePicksAKeyOfTheParametersYamlValueWithItsType() {
    ssm.put("/orchestrate/db", "SecureString", "user: orchestrate\nport: 5432\ntls:\n  on: yes\n");

    Map<?, ?> resolved =
        (Map<?, ?>)
            resolve(
                Map.of(
                    "port", "ref+awsssm://orchestrate/db?mode=singleparam#/port",
                    "user", "ref+awsssm://orchestrate/db?mode=singleparam#/user"));

    assertThat(resolved.get("port")).isEqualTo(5432L);
    assertThat(resolved.get("user")).isEqualTo("orchestrate");
    assertThat(ssm.requests()).isEqualTo(1);
  }

  @Test
  void aFragmentWithoutSingleParamModePicksFromTheParametersBelowThePrefix() {
    ssm.put("/orchestrate/app/db/password", "SecureString", "s3cr3t-db")
        .put("/orchestrate/app/db/user", "String", "orchestrate")
        .put("/orchestrate/app", "String", "the-parameter-itself")
        .put("/orchestrate/other/key", "String", "not-below");
    for (int i = 0; i < 10; i++) {
      ssm.put("/orchestrate/app/extra/p" + i, "String", "extra-" + i);
    }

    Map<?, ?> resolved =
        (Map<?, ?>)
            resolve(
                Map.of(
                    "password", "ref+awsssm://orchestrate/app#/db/password",
                    "user", "ref+awsssm://orchestrate/app#/db/user",
                    "itself", "ref+awsssm://orchestrate/app"));

    assertThat(resolved.get("password")).isEqualTo("s3cr3t-db");
    assertThat(resolved.get("user")).isEqualTo("orchestrate");
    assertThat(resolved.get("itself")).isEqualTo("the-parameter-itself");
    // 12 parameters below the prefix: two pages, read once for both references.
    assertThat(ssm.requests(FakeParameterStore.BY_PATH)).isEqualTo(2);
    assertThat(ssm.requests()).isEqualTo(1);
  }

  @Test
  void aPrefixWithNoParametersIsStalledNamingTheReference() {
    assertThatThrownBy(() -> resolve(Map.of("p", "ref+awsssm://orchestrate/none#/db/password")))
        .isInstanceOfSatisfying(
            ReconcileException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.STALLED);
              assertThat(e.getMessage())
                  .contains("ref+awsssm://orchestrate/none#/db/password", "ParameterNotFound");
            });
  }

  @Test
  void anUnknownParameterOfTheReferenceIsRefused() {
    assertThatThrownBy(() -> SecretRef.parse("ref+awsssm://orchestrate/p?role=arn:aws:iam::1:r"))
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("unknown parameter 'role'");
  }
}
