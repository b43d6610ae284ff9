package io.helmsync.template.sprig;

import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.Validity;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Sprig's certificates ({@code genCA}, {@code genSelfSignedCert}, {@code genSignedCert} and their
 * {@code WithKey} forms, {@code buildCustomCert}), built as Go's {@code x509.CreateCertificate}
 * builds Sprig's template: a random 128-bit serial, the common name as the only subject attribute,
 * valid from now for whole days, key usages, server and client auth, and a subject key id
 * (truncated SHA-256, Go 1.25's) for CAs that signed certificates then name as their authority.
 * BouncyCastle's ASN.1 classes assemble the DER; the JDK's providers sign.
 */
final class SprigCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SERIAL_BITS = 128;
  private static final int KEY_ID_BYTES = 20;

  /** The version field's value for an X.509 v3 certificate. */
  private static final int X509_V3 = 2;

  private SprigCertificates() {}

  /** What Sprig's {@code getBaseCertTemplate} takes from the caller. */
  record Request(String commonName, List<?> ips, List<?> dnsNames, long daysValid) {}

  static SprigCertificate authority(String commonName, long daysValid, KeyPair key) {
    Request request = new Request(commonName, null, null, daysValid);
    return create(request, true, key, null, key.getPrivate());
  }

  static SprigCertificate selfSigned(Request request, KeyPair key) {
    return create(request, false, key, null, key.getPrivate());
  }

  /** {@code genSignedCert}: the CA's certificate and key are read before the request. */
  static SprigCertificate signed(Request request, SprigCertificate ca, KeyPair key) {
    X509CertificateHolder issuer = parseCertificate(ca.cert(), "decodedSignerCert.Bytes");
    KeyPair issuerKey = readKey(ca.key(), "error parsing private key: ");
    return create(request, false, key, issuer, issuerKey.getPrivate());
  }

  /** {@code buildCustomCert}: checks that both parse and returns them as given. */
  static SprigCertificate custom(String base64Cert, String base64Key) {
    String cert = decodeBase64(base64Cert, "unable to decode base64 certificate");
    String key = decodeBase64(base64Key, "unable to decode base64 private key");
    parseCertificate(cert, "decodedCert.Bytes");
    readKey(key, "error parsing private key: ");
    return new SprigCertificate(cert, key);
  }

  /** A key read from PEM, its failure message after Sprig's prefix for this caller. */
  static KeyPair readKey(String pem, String prefix) {
    try {
      return SprigKeys.parse(pem);
    } catch (GoError e) {
      throw new GoError(prefix + e.getMessage(), e);
    }
  }

  private static String decodeBase64(String text, String message) {
    try {
      return new String(SprigEncoding.decodeBase64(text), StandardCharsets.UTF_8);
    } catch (GoError e) {
      throw new GoError(message, e);
    }
  }

  private static X509CertificateHolder parseCertificate(String pem, String what) {
    Pem block = Pem.decode(pem).orElseThrow(() -> new GoError("unable to decode certificate"));
    try {
      return new X509CertificateHolder(block.bytes());
    } catch (IOException | RuntimeException e) {
      throw new GoError("error parsing certificate: " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@code getBaseCertTemplate} and {@code getCertAndKey}; a null issuer signs itself. */
  private static SprigCertificate create(
      Request request,
      boolean isCa,
      KeyPair key,
      X509CertificateHolder issuer,
      PrivateKey signingKey) {
    GeneralNames alternativeNames = alternativeNames(request);
    String signatureAlgorithm = signatureAlgorithm(signingKey);
    if (key.getPublic() instanceof DSAKey) {
      throw new GoError(
          "error creating certificate: " + "x509: unsupported public key type: *dsa.PublicKey");
    }
    X500Name subject = subject(request.commonName());
    SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded());
    try {
      ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm).build(signingKey);
      ASN1Sequence tbs =
          new DERSequence(
              new ASN1Encodable[] {
                new DERTaggedObject(true, 0, new ASN1Integer(X509_V3)),
                new ASN1Integer(new BigInteger(SERIAL_BITS, RANDOM)),
                signer.getAlgorithmIdentifier(),
                issuer == null ? subject : issuer.getSubject(),
                validity(request.daysValid()),
                subject,
                publicKey,
                new DERTaggedObject(
                    true, 3, extensions(isCa, publicKey, issuer, subject, alternativeNames))
              });
      String cert = Pem.encode("CERTIFICATE", sign(tbs, signer));
      return new SprigCertificate(cert, SprigKeys.pem(key));
    } catch (IOException | OperatorCreationException e) {
      throw new GoError("error creating certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Assembles the certificate from its ASN.1 parts rather than through BouncyCastle's builder or
   * {@code TBSCertificate}, which refuse the empty issuer of a self-signed certificate without a
   * common name; Go writes one.
   */
  private static byte[] sign(ASN1Sequence tbs, ContentSigner signer) throws IOException {
    try (OutputStream out = signer.getOutputStream()) {
      out.write(tbs.getEncoded(ASN1Encoding.DER));
    }
    return new DERSequence(
            new ASN1Encodable[] {
              tbs, signer.getAlgorithmIdentifier(), new DERBitString(signer.getSignature())
            })
        .getEncoded(ASN1Encoding.DER);
  }

  /** From now, in whole seconds as Go's ASN.1 times have them, for a number of 24-hour days. */
  private static Validity validity(long days) {
    Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new Validity(
        new Time(Date.from(notBefore)), new Time(Date.from(notBefore.plus(Duration.ofDays(days)))));
  }

  /** Go's extensions in Go's order; the SANs are critical when the subject is empty. */
  private static Extensions extensions(
      boolean isCa,
      SubjectPublicKeyInfo publicKey,
      X509CertificateHolder issuer,
      X500Name subject,
      GeneralNames alternativeNames)
      throws IOException {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    int usage = KeyUsage.keyEncipherment | KeyUsage.digitalSignature;
    extensions.addExtension(
        Extension.keyUsage, true, new KeyUsage(isCa ? usage | KeyUsage.keyCertSign : usage));
    extensions.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      extensions.addExtension(
          Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(publicKey)));
    }
    byte[] authorityKeyId = issuer == null ? null : subjectKeyId(issuer);
    if (authorityKeyId != null && !issuer.getSubject().equals(subject)) {
      extensions.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
    }
    if (alternativeNames.getNames().length > 0) {
      extensions.addExtension(
          Extension.subjectAlternativeName, subject.getRDNs().length == 0, alternativeNames);
    }
    return extensions.generate();
  }

  /** Go 1.25's subject key id: the first 160 bits of the SHA-256 of the public key. */
  private static byte[] keyId(SubjectPublicKeyInfo publicKey) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(publicKey.getPublicKeyData().getBytes());
      return Arrays.copyOf(digest, KEY_ID_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static byte[] subjectKeyId(X509CertificateHolder cert) {
    Extension extension = cert.getExtension(Extension.subjectKeyIdentifier);
    return extension == null
        ? null
        : SubjectKeyIdentifier.getInstance(extension.getParsedValue()).getKeyIdentifier();
  }

  /**
   * Go's {@code signingParamsForKey}: SHA-256 with RSA, the curve's hash with ECDSA, pure Ed25519;
   * a DSA key is not a {@code crypto.Signer} in Go.
   */
  private static String signatureAlgorithm(PrivateKey key) {
    if (key instanceof RSAKey) {
      return "SHA256withRSA";
    }
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getOrder().bitLength();
      return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      return "Ed25519";
    }
    throw new GoError(
        "error creating certificate: "
            + "x509: certificate private key does not implement crypto.Signer");
  }

  /** {@code pkix.Name{CommonName: cn}}: no attribute at all for an empty name. */
  private static X500Name subject(String commonName) {
    if (commonName.isEmpty()) {
      return new X500Name(new RDN[0]);
    }
    ASN1Encodable value =
        isPrintable(commonName)
            ? new DERPrintableString(commonName)
            : new DERUTF8String(commonName);
    return new X500Name(new RDN[] {new RDN(BCStyle.CN, value)});
  }

  /** Go's asn1 {@code isPrintable} as it picks a string's type: '*' allowed, '&' not. */
  private static boolean isPrintable(String s) {
    return s.chars()
        .allMatch(
            c -> c < 0x80 && (Character.isLetterOrDigit(c) || " '()+,-./:=?*".indexOf(c) >= 0));
  }

  /** DNS names, then IP addresses, with Sprig's messages for what is not a string or an IP. */
  private static GeneralNames alternativeNames(Request request) {
    List<GeneralName> ips = new ArrayList<>();
    for (Object ip : orEmpty(request.ips())) {
      ips.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipAddress(ip))));
    }
    List<GeneralName> names = new ArrayList<>();
    for (Object dns : orEmpty(request.dnsNames())) {
      if (!(dns instanceof String name)) {
        throw new GoError(
            "error processing alternate dns name: " + GoPrint.value(dns) + " is not a string");
      }
      names.add(new GeneralName(GeneralName.dNSName, name));
    }
    names.addAll(ips);
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static List<?> orEmpty(List<?> list) {
    return list == null ? List.of() : list;
  }

  /** {@code net.ParseIP}, an IPv4 address (mapped ones too) as its four bytes, as Go writes it. */
  private static byte[] ipAddress(Object ip) {
    if (!(ip instanceof String text)) {
      throw new GoError("error parsing ip: " + GoPrint.value(ip) + " is not a string");
    }
    if (!IPAddress.isValid(text)) {
      throw new GoError("error parsing ip: " + text);
    }
    try {
      // A literal address: InetAddress parses it and never asks DNS.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new GoError("error parsing ip: " + text, e);
    }
  }
}
