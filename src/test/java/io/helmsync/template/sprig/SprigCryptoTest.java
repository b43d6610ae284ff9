package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sprig's crypto and random functions. Deterministic outputs come from Sprig's crypto_test.go; keys
 * and certificates are read back with the JDK and BouncyCastle's PEM reader, not with the code
 * under test, and checked for what Sprig puts in them.
 */
class SprigCryptoTest {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  /** Sprig's TestDerivePassword. */
  static Stream<Case> derivedPasswords() {
    return Stream.of(
        new Case(
            "{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}",
            "ZedaFaxcZaso9*"),
        new Case(
            "{{ derivePassword 2 \"long\" \"password\" \"user\" \"example.com\" }}",
            "Fovi2@JifpTupx"),
        new Case(
            "{{ derivePassword 1 \"maximum\" \"password\" \"user\" \"example.com\" }}",
            "pf4zS1LjCg&LjhsZ7T2~"),
        new Case(
            "{{ derivePassword 1 \"medium\" \"password\" \"user\" \"example.com\" }}", "ZedJuz8$"),
        new Case(
            "{{ derivePassword 1 \"basic\" \"password\" \"user\" \"example.com\" }}", "pIS54PLs"),
        new Case("{{ derivePassword 1 \"short\" \"password\" \"user\" \"example.com\" }}", "Zed5"),
        new Case("{{ derivePassword 1 \"pin\" \"password\" \"user\" \"example.com\" }}", "6685"),
        new Case(
            "{{ derivePassword 1 \"nope\" \"password\" \"user\" \"example.com\" }}",
            "cannot find password template nope"));
  }

  @ParameterizedTest
  @MethodSource("derivedPasswords")
  void derivesMasterPasswords(Case c) {
    assertThat(render(c.template())).isEqualTo(c.expected());
  }

  @Test
  void encryptsAndDecryptsWithAes() {
    assertThat(render("{{ \"plaintext\" | encryptAES \"secretkey\" | decryptAES \"secretkey\" }}"))
        .isEqualTo("plaintext");
    String key = "a key longer than the 32 bytes AES-256 takes";
    String text = "sixteen bytes!!! and then some ü";
    assertThat(
            render(
                "{{ encryptAES .key .text | decryptAES .key }}", Map.of("key", key, "text", text)))
        .isEqualTo(text);
    assertThat(render("{{ encryptAES \"k\" \"exactly sixteen!\" | len }}"))
        .as("base64 of the IV, the block and a block of padding")
        .isEqualTo("64");
  }

  @Test
  void decryptAesReportsGoPanicsOnBadInput() {
    assertThatThrownBy(() -> render("{{ decryptAES \"k\" \"YWJj\" }}"))
        .hasMessageEndingWith("slice bounds out of range [:16] with capacity 3");
    assertThatThrownBy(() -> render("{{ decryptAES \"k\" \"AAAAAAAAAAAAAAAAAAAAAA==\" }}"))
        .hasMessageEndingWith("runtime error: index out of range [-1]");
  }

  @Test
  void bcryptHashesAsGoDoes() {
    String hash = render("{{ bcrypt \"pw\" }}");
    assertThat(hash).startsWith("$2a$10$").hasSize(60);
    assertThat(OpenBSDBCrypt.checkPassword(hash, "pw".toCharArray())).isTrue();
    // Written by Helm's Sprig (Go's x/crypto/bcrypt) for the password "p".
    assertThat(
            OpenBSDBCrypt.checkPassword(
                "$2a$10$ZAuOhUn8MrBbK1/R2Q8zN.knpTK87cMK5lOghldBO6BOUu2ohdFhK", "p".toCharArray()))
        .isTrue();
    assertThat(render("{{ bcrypt (repeat 73 \"a\") }}"))
        .isEqualTo(
            "failed to encrypt string with bcrypt: " + "bcrypt: password length exceeds 72 bytes");
  }

  /** Sprig's TestHtpasswd. */
  @Test
  void htpasswdPairsUserAndBcrypt() {
    String user = "special'o79Cv_*qFe,)<user";
    String password = "special<j7+3p#6-.Jx2U:m8G;kGypassword";
    String line =
        render("{{ htpasswd .user .password }}", Map.of("user", user, "password", password));
    assertThat(line).startsWith(user + ":");
    assertThat(
            OpenBSDBCrypt.checkPassword(line.substring(user.length() + 1), password.toCharArray()))
        .isTrue();
    assertThat(render("{{ htpasswd \"wrongus:er\" \"x\" }}"))
        .isEqualTo("invalid username: wrongus:er");
  }

  @Test
  void generatesPrivateKeysOfEachType() throws IOException {
    assertThat(readKey(render("{{ genPrivateKey \"rsa\" }}")))
        .isInstanceOfSatisfying(
            RSAPrivateKey.class, k -> assertThat(k.getModulus().bitLength()).isEqualTo(4096));
    assertThat(readKey(render("{{ genPrivateKey \"ecdsa\" }}")))
        .isInstanceOfSatisfying(
            ECPrivateKey.class,
            k -> assertThat(k.getParams().getOrder().bitLength()).isEqualTo(256));
    String ed25519 = render("{{ genPrivateKey \"ed25519\" }}");
    assertThat(ed25519).startsWith("-----BEGIN PRIVATE KEY-----\n").hasSize(119);
    assertThat(readKey(ed25519).getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThat(readKey(render("{{ genPrivateKey \"dsa\" }}")))
        .isInstanceOfSatisfying(
            DSAPrivateKey.class,
            k -> {
              assertThat(k.getParams().getP().bitLength()).isEqualTo(2048);
              assertThat(k.getParams().getQ().bitLength()).isEqualTo(256);
            });
    assertThat(render("{{ genPrivateKey \"bad\" }}")).isEqualTo("Unknown type bad");
  }

  @Test
  void genCaMakesASelfSignedAuthority() throws Exception {
    String[] ca =
        render("{{ $ca := genCA \"foo-ca\" 365 }}{{ $ca.Cert }}|{{ $ca.Key }}").split("\\|");
    X509Certificate cert = certificate(ca[0]);
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=foo-ca");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getBasicConstraints())
        .as("CA without a path length")
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(cert.getKeyUsage())
        .containsExactly(true, false, true, false, false, true, false, false, false);
    assertThat(cert.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(validity(cert)).isEqualTo(Duration.ofDays(365));
    assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    cert.verify(cert.getPublicKey());
    assertThat(readKey(ca[1]))
        .isInstanceOfSatisfying(
            RSAPrivateKey.class, k -> assertThat(k.getModulus().bitLength()).isEqualTo(2048));
    assertThat(ca[1]).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertThat(subjectKeyId(cert)).hasSize(20);
  }

  @Test
  void genSelfSignedCertCarriesTheSans() throws Exception {
    X509Certificate cert =
        certificate(
            render(
                "{{ (genSelfSignedCert \"foo.com\" "
                    + "(list \"10.0.0.1\" \"::1\") (list \"bar.com\" \"bat.com\") 3).Cert }}"));
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=foo.com");
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(
            List.of(2, "bar.com"),
            List.of(2, "bat.com"),
            List.of(7, "10.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getCriticalExtensionOIDs()).doesNotContain("2.5.29.17");
    assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(validity(cert)).isEqualTo(Duration.ofDays(3));
    assertThat(cert.getExtensionValue("2.5.29.14")).as("no subject key id").isNull();
    cert.verify(cert.getPublicKey());
  }

  /**
   * Go and OpenSSL read a certificate with an empty issuer; the JDK's and BouncyCastle's
   * certificate parsers refuse it, so the test reads the ASN.1 itself.
   */
  @Test
  void anEmptyCommonNameLeavesTheSubjectEmptyAndTheSansCritical() throws Exception {
    String pem = render("{{ (genSelfSignedCert \"\" nil (list \"a.example\") 1).Cert }}");
    ASN1Sequence tbs =
        ASN1Sequence.getInstance(
            ASN1Sequence.getInstance(
                    new PEMParser(new StringReader(pem)).readPemObject().getContent())
                .getObjectAt(0));
    assertThat(X500Name.getInstance(tbs.getObjectAt(3)).getRDNs()).as("issuer").isEmpty();
    assertThat(X500Name.getInstance(tbs.getObjectAt(5)).getRDNs()).as("subject").isEmpty();
    Extensions extensions =
        Extensions.getInstance(
            ASN1TaggedObject.getInstance(tbs.getObjectAt(7)).getExplicitBaseObject());
    assertThat(extensions.getExtension(Extension.subjectAlternativeName).isCritical()).isTrue();
  }

  @Test
  void genSignedCertIsSignedByTheCa() throws Exception {
    String out =
        render(
            "{{ $ca := genCA \"foo\" 365 }}{{ $cert := genSignedCert \"foo.com\" "
                + "(list \"10.0.0.1\") (list \"bar.com\") 30 $ca }}{{ $ca.Cert }}{{ $cert.Cert }}");
    int split = out.indexOf("-----BEGIN", 1);
    X509Certificate ca = certificate(out.substring(0, split));
    X509Certificate cert = certificate(out.substring(split));
    cert.verify(ca.getPublicKey());
    assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=foo.com");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(validity(cert)).isEqualTo(Duration.ofDays(30));
    byte[] authorityKeyId =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.35")).getOctets())
            .getKeyIdentifier();
    assertThat(authorityKeyId).isEqualTo(subjectKeyId(ca));
  }

  @Test
  void withKeyFunctionsCertifyTheGivenKey() throws Exception {
    String out =
        render(
            "{{ $key := genPrivateKey \"ecdsa\" }}{{ $c := genSelfSignedCertWithKey "
                + "\"x\" nil nil 1 $key }}{{ eq $c.Key $key }}|{{ $c.Cert }}|{{ $key }}");
    String[] parts = out.split("\\|");
    assertThat(parts[0]).as("the key is written back byte for byte").isEqualTo("true");
    X509Certificate cert = certificate(parts[1]);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getPublicKey().getEncoded()).isEqualTo(publicKeyOf(parts[2]).getEncoded());
  }

  @Test
  void buildCustomCertReturnsWhatItChecked() {
    assertThat(
            render(
                "{{ $ca := genCA \"x\" 1 }}{{ $c := buildCustomCert ($ca.Cert | b64enc) "
                    + "($ca.Key | b64enc) }}{{ eq $c.Cert $ca.Cert }} {{ eq $c.Key $ca.Key }} {{ typeOf $c }}"))
        .isEqualTo("true true sprig.certificate");
    assertThatThrownBy(() -> render("{{ buildCustomCert \"eA==\" \"eA==\" }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith("error calling buildCustomCert: unable to decode certificate");
  }

  @Test
  void certificateErrorsAreSprigs() {
    assertThatThrownBy(() -> render("{{ genSelfSignedCert \"x\" (list \"bad\") nil 1 }}"))
        .hasMessageEndingWith("error calling genSelfSignedCert: error parsing ip: bad");
    assertThatThrownBy(() -> render("{{ genCAWithKey \"x\" 1 \"junk\" }}"))
        .hasMessageEndingWith("parsing private key: no PEM data in input");
    assertThatThrownBy(() -> render("{{ genSignedCert \"x\" nil nil 1 (dict) }}"))
        .hasMessageEndingWith(
            "wrong type for value; expected sprig.certificate; " + "got map[string]interface {}");
  }

  @Test
  void certificatePrintsAsAGoStruct() {
    assertThat(render("{{ genCA \"x\" 1 | toString | trunc 28 }}"))
        .isEqualTo("{-----BEGIN CERTIFICATE-----");
  }

  @Test
  void randomValuesHaveSprigsShapes() {
    assertThat(render("{{ randBytes 16 | len }}")).as("base64 of 16 bytes").isEqualTo("24");
    assertThat(render("{{ randInt 5 6 }} {{ randInt -3 -2 }}")).isEqualTo("5 -3");
    assertThat(Integer.parseInt(render("{{ randInt 0 10 }}"))).isBetween(0, 9);
    assertThat(render("{{ uuidv4 }}"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(render("{{ hello }}")).isEqualTo("Hello!");
    assertThatThrownBy(() -> render("{{ randInt 5 5 }}"))
        .hasMessageEndingWith("error calling randInt: invalid argument to Intn");
  }

  private static String render(String template) {
    return render(template, Map.of());
  }

  private static String render(String template, Map<String, Object> data) {
    return Template.create(Sprig.functions(), MissingKey.DEFAULT)
        .parse("t", template)
        .execute("t", data);
  }

  private static X509Certificate certificate(String pem) throws GeneralSecurityException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static Duration validity(X509Certificate cert) {
    return Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    return SubjectKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.14")).getOctets())
        .getKeyIdentifier();
  }

  /** The key as BouncyCastle's PEM reader and the JDK's key factories read it. */
  private static PrivateKey readKey(String pem) throws IOException {
    Object parsed = new PEMParser(new StringReader(pem)).readObject();
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    return parsed instanceof PEMKeyPair pair
        ? converter.getKeyPair(pair).getPrivate()
        : converter.getPrivateKey((PrivateKeyInfo) parsed);
  }

  private static PublicKey publicKeyOf(String pem) throws IOException {
    return new JcaPEMKeyConverter()
        .getKeyPair((PEMKeyPair) new PEMParser(new StringReader(pem)).readObject())
        .getPublic();
  }
}
