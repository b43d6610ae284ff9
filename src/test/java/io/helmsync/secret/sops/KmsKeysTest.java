package io.helmsync.secret.sops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Data keys in AWS KMS: WireMock answers {@code TrentService.Decrypt} in KMS' JSON 1.1 shape; the
 * request carries the key, the ciphertext blob and the encryption context sops stored; a role is
 * assumed with STS first; a warm cache calls KMS no more; KMS refusals stall, 5xx are transient.
 */
class KmsKeysTest {
  private static final String ARN =
      "arn:aws:kms:eu-west-1:123456789012:key/0c1c3a2d-1111-2222-3333-444455556666";
  private static final String ROLE = "arn:aws:iam::123456789012:role/sops-decrypt";
  private static final String BLOB = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
  private static final String DECRYPT = "TrentService.Decrypt";
  private static final String STS_ENDPOINT_PROPERTY = "aws.endpointUrlSts";

  private final WireMockServer aws = new WireMockServer(options().dynamicPort());
  private final byte[] dataKey = SopsFileWriter.randomKey();
  private KmsKeys kms;

  @BeforeEach
  void start() {
    aws.start();
    System.setProperty(STS_ENDPOINT_PROPERTY, aws.baseUrl());
    kms =
        new KmsKeys(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDAGENTOWNKEY", "agent-secret")),
            Optional.of(URI.create(aws.baseUrl())));
  }

  @AfterEach
  void stop() {
    System.clearProperty(STS_ENDPOINT_PROPERTY);
    aws.stop();
  }

  @Test
  void theDataKeyIsDecryptedByKmsWithTheEncryptionContextAndCached() throws Exception {
    answerDecrypt(
        200,
        "{\"KeyId\":\""
            + ARN
            + "\",\"Plaintext\":\""
            + Base64.getEncoder().encodeToString(dataKey)
            + "\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}");
    byte[] file = file("");
    SopsDecryptor decryptor = new SopsDecryptor(SopsKeys.none(), kms, 1 << 20);

    SopsDocument first = decryptor.decrypt("secrets.yaml", file);
    SopsDocument second = decryptor.decrypt("secrets.yaml", file);

    assertThat(first.values()).isEqualTo(Map.of("token", "t-123"));
    assertThat(second).isEqualTo(first);
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(DECRYPT))
            .withHeader("Authorization", containing("Credential=AKIDAGENTOWNKEY/"))
            .withHeader("Authorization", containing("/eu-west-1/kms/"))
            .withRequestBody(
                equalToJson(
                    "{\"KeyId\":\""
                        + ARN
                        + "\",\"CiphertextBlob\":\""
                        + BLOB
                        + "\",\"EncryptionContext\":{\"app\":\"demo\",\"env\":\"prod\"}}")));
  }

  @Test
  void aKeyWithARoleIsDecryptedWithTheRolesCredentials() throws Exception {
    aws.stubFor(
        post("/")
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult><Credentials>
                    <AccessKeyId>ASIAROLEKEY</AccessKeyId>
                    <SecretAccessKey>role-secret</SecretAccessKey>
                    <SessionToken>role-token</SessionToken>
                    <Expiration>2099-01-01T00:00:00Z</Expiration>
                  </Credentials></AssumeRoleResult>
                </AssumeRoleResponse>
                """)));
    answerDecrypt(
        200,
        "{\"KeyId\":\""
            + ARN
            + "\",\"Plaintext\":\""
            + Base64.getEncoder().encodeToString(dataKey)
            + "\"}");

    new SopsDecryptor(SopsKeys.none(), kms, 1 << 20).decrypt("secrets.yaml", file(ROLE));

    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                containing("RoleArn=" + ROLE.replace(":", "%3A").replace("/", "%2F"))));
    aws.verify(
        1,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo(DECRYPT))
            .withHeader("Authorization", containing("Credential=ASIAROLEKEY/"))
            .withHeader("X-Amz-Security-Token", equalTo("role-token")));
  }

  @Test
  void aKeyTheAgentMayNotUseStallsNamingTheKey() throws Exception {
    answerDecrypt(400, "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}");
    byte[] file = file("");

    assertThatThrownBy(
            () -> new SopsDecryptor(SopsKeys.none(), kms, 1 << 20).decrypt("secrets.yaml", file))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessage(
            "secrets.yaml: cannot decrypt the SOPS data key; tried kms "
                + ARN
                + ": the agent's AWS role may not use this key; grant it kms:Decrypt on the key "
                + "(AccessDeniedException). helmsync holds 0 age identities and 0 PGP keys; add a key "
                + "the file was encrypted for");
  }

  @Test
  void kmsFailingOnItsSideIsTransient() throws Exception {
    answerDecrypt(500, "{\"__type\":\"KMSInternalException\",\"message\":\"internal\"}");
    byte[] file = file("");

    assertThatThrownBy(
            () -> new SopsDecryptor(SopsKeys.none(), kms, 1 << 20).decrypt("secrets.yaml", file))
        .isInstanceOfSatisfying(
            ReconcileException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRANSIENT))
        .hasMessageContaining("(KMSInternalException)");
  }

  private void answerDecrypt(int status, String body) {
    aws.stubFor(
        post("/")
            .withHeader("X-Amz-Target", equalTo(DECRYPT))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body)));
  }

  private byte[] file(String role) throws Exception {
    String keys =
        "kms:\n    - arn: "
            + ARN
            + "\n"
            + (role.isEmpty() ? "" : "      role: " + role + "\n")
            + "      context:\n          app: demo\n          env: prod\n"
            + "      created_at: \"2026-12-06T06:00:00Z\"\n      enc: "
            + BLOB
            + "\n"
            + "      aws_profile: \"\"\n";
    return SopsFileWriter.yaml(Map.of("token", "t-123"), dataKey, keys);
  }
}
