package io.helmsync.chart;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository behind TLS with a certificate from a private CA: trusted through {@code caFile},
 * refused (stalled, saying to give one) without it.
 */
class RepositoryCaFileTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir Path dir;
  private WireMockServer server;
  private Path caFile;

  @BeforeEach
  void startTlsRepository() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=helmsync test CA");
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            name,
            keys.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost")}));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
    Path keystore = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(keystore)) {
      store.store(out, PASSWORD);
    }
    caFile = dir.resolve("ca.pem");
    Files.writeString(
        caFile,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(keystore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(new String(PASSWORD))
                .keyManagerPassword(new String(PASSWORD)));
    server.start();
    server.stubFor(
        get(urlEqualTo("/index.yaml"))
            .willReturn(ok("apiVersion: v1\nentries:\n" + "  helpers: []\n")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private ReconcileException failure(Path ca) {
    String url = "https://localhost:" + server.httpsPort();
    ChartRepository repository =
        new ChartRepository("private", url, null, null, false, ca, false, false, false);
    RemoteCharts charts =
        new RemoteCharts(RemoteCharts.Options.defaults().withCacheDir(dir.resolve("cache")));
    try {
      charts.load("private/helpers", "", List.of(repository), "release web");
    } catch (ReconcileException e) {
      return e;
    }
    throw new AssertionError("expected the load to fail");
  }

  @Test
  void theCaFileIsTrustedAndItsAbsenceIsExplained() {
    assertThat(failure(caFile))
        .as("TLS passed: the index was read and has no helpers versions")
        .hasMessageContaining("chart 'helpers' is not in repository 'private'");
    assertThat(failure(null))
        .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.STALLED))
        .hasMessageContaining("the TLS handshake failed")
        .hasMessageContaining("give the repository's caFile");
    assertThat(failure(dir.resolve("server.p12")))
        .hasMessageContaining("cannot read caFile server.p12");
  }
}
