package io.helmsync.secret;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.testing.FakeSecretsManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code ?role_arn=}: the role is assumed with STS AssumeRole (WireMock answering STS's XML,
 * reached through the SDK's {@code aws.endpointUrlSts}, the system property of {@code
 * AWS_ENDPOINT_URL_STS}) and Secrets Manager is called with the role's temporary credentials; one
 * client per region and role, the agent's own client for plain references.
 */
class AwsClientsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/orchestrate-secrets-reader";
  private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";

  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final WireMockServer sts = new WireMockServer(options().dynamicPort());
  private final SecretsManagerClient own = aws.client();
  private final AwsClients clients = new AwsClients(() -> own, Optional.of(aws.endpoint()));

  @BeforeEach
  void startSts() {
    sts.start();
    sts.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(assumeRoleResponse("ASIAROLEKEYEXAMPLE", "role-session-token"))));
    System.setProperty(STS_ENDPOINT_PROPERTY, sts.baseUrl());
  }

  @AfterEach
  void stop() {
    System.clearProperty(STS_ENDPOINT_PROPERTY);
    sts.stop();
    aws.close();
  }

  @Test
  void aReferenceWithARoleIsReadWithTheRolesCredentials() {
    aws.put("orchestrate/demo", "{\"apiKey\":\"k-123\"}");
    SecretResolver resolver = SecretResolver.of(clients, null, Duration.ofMinutes(5));

    Object resolved =
        resolver
            .session()
            .resolve(
                "ref+awssecrets://orchestrate/demo?role_arn=" + ROLE + "#/apiKey", "values.yaml");

    assertThat(resolved).isEqualTo("k-123");
    sts.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(containing("RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F")))
            .withRequestBody(containing("RoleSessionName=helmsync")));
    assertThat(sts.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getHeader("Authorization"))
        .as("STS is called with the agent's own credentials")
        .contains("Credential=AKIDTESTTESTTEST/");
    assertThat(aws.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.getHeader("Authorization"))
                  .contains("Credential=ASIAROLEKEYEXAMPLE/");
              assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo("role-session-token");
            });
  }

  @Test
  void oneClientPerRegionAndRoleAndTheAgentsOwnForPlainReferences() {
    Map<String, String> refs =
        Map.of(
            "plain",
            "ref+awssecrets://a",
            "plain again",
            "ref+awssecrets://b",
            "role",
            "ref+awssecrets://a?role_arn=" + ROLE,
            "role again",
            "ref+awssecrets://b?role_arn=" + ROLE,
            "role elsewhere",
            "ref+awssecrets://a?region=us-east-1&role_arn=" + ROLE,
            "region",
            "ref+awssecrets://a?region=us-east-1");
    Map<String, Object> client = new HashMap<>();
    refs.forEach((name, ref) -> client.put(name, clients.apply(SecretRef.parse(ref))));

    assertThat(client.get("plain")).isSameAs(client.get("plain again")).isSameAs(own);
    assertThat(client.get("role"))
        .isSameAs(client.get("role again"))
        .isNotSameAs(client.get("plain"));
    assertThat(List.of(client.get("role elsewhere"), client.get("region")))
        .doesNotContain(client.get("plain"), client.get("role"));
    assertThat(client.get("role elsewhere")).isNotSameAs(client.get("region"));
    assertThat(
            ((SecretsManagerClient) client.get("region"))
                .serviceClientConfiguration()
                .region()
                .id())
        .isEqualTo("us-east-1");
    assertThat(sts.getAllServeEvents()).as("roles are assumed when a secret is read").isEmpty();
  }

  @Test
  void aRoleTheAgentMayNotAssumeStallsNamingTheReference() {
    sts.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code>
                <Message>not authorized to perform: sts:AssumeRole</Message></Error>
              <RequestId>4c4b0a2d-1111-2222-3333-444455556666</RequestId>
            </ErrorResponse>
            """)));
    String ref = "ref+awssecrets://orchestrate/demo?role_arn=" + ROLE;

    assertThatThrownBy(
            () ->
                SecretResolver.of(clients, null, Duration.ofMinutes(5))
                    .session()
                    .resolve(ref, "values.yaml"))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessage(
            "values.yaml: "
                + ref
                + ": the agent's AWS role may not assume the role in "
                + "role_arn; allow it sts:AssumeRole on that role, and the role's trust policy the "
                + "agent's role (AccessDenied)");
    assertThat(aws.requests()).isEmpty();
  }

  private static String assumeRoleResponse(String accessKey, String sessionToken) {
    return """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <AssumeRoleResult>
            <Credentials>
              <AccessKeyId>%s</AccessKeyId>
              <SecretAccessKey>role-secret-access-key</SecretAccessKey>
              <SessionToken>%s</SessionToken>
              <Expiration>2099-01-01T00:00:00Z</Expiration>
            </Credentials>
            <AssumedRoleUser>
              <Arn>arn:aws:sts::123456789012:assumed-role/orchestrate-secrets-reader/helmsync</Arn>
              <AssumedRoleId>AROAEXAMPLE:helmsync</AssumedRoleId>
            </AssumedRoleUser>
          </AssumeRoleResult>
          <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
        </AssumeRoleResponse>
        """
        .formatted(accessKey, sessionToken);
  }
}
