package io.helmsync.secret.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The formats as sops reads them: scalars resolved as yaml.v3 resolves them and hashed as {@code
 * sops.ToBytes} writes them, flattened dotenv/INI metadata, and which paths the rules say are
 * encrypted.
 */
class SopsStoresTest {
  record Scalar(String plain, Object resolved, String macText) {}

  static Stream<Scalar> scalars() {
    return Stream.of(
        new Scalar("text", "text", "text"),
        new Scalar("42", 42, "42"),
        new Scalar("-0x1F", -31, "-31"),
        new Scalar("0o17", 15, "15"),
        new Scalar("1_000", 1000, "1000"),
        new Scalar("9000000000", 9_000_000_000L, "9000000000"),
        new Scalar("1.50", 1.5, "1.5"),
        new Scalar("1e3", 1000.0, "1000"),
        new Scalar(".inf", Double.POSITIVE_INFINITY, "+Inf"),
        new Scalar("true", true, "True"),
        new Scalar("False", false, "False"),
        new Scalar("yes", "yes", "yes"),
        new Scalar("2026-12-06", "2026-12-06", "2026-12-06"));
  }

  @ParameterizedTest
  @MethodSource("scalars")
  void plainScalarsResolveAndHashAsInSops(Scalar scalar) {
    Object resolved = Scalars.resolvePlain(scalar.plain());

    assertThat(resolved).isEqualTo(scalar.resolved());
    assertThat(new String(Scalars.macBytes(resolved))).isEqualTo(scalar.macText());
  }

  @Test
  void yamlKeepsQuotedScalarsAsStringsAndDropsTheMetadataFromTheDocuments() {
    EncryptedFile file =
        YamlStore.read(
            """
        port: "8080"
        replicas: 3
        empty:
        sops:
            shamir_threshold: 2
            version: 3.9.0
        ---
        second: doc
        """);

    assertThat(file.documents())
        .containsExactly(
            new Branch(
                List.of(
                    new Branch.Entry("port", "8080"),
                    new Branch.Entry("replicas", 3),
                    new Branch.Entry("empty", null))),
            new Branch(List.of(new Branch.Entry("second", "doc"))));
    assertThat(file.metadata()).isEqualTo(Map.of("shamir_threshold", 2, "version", "3.9.0"));
  }

  @Test
  void dotenvMetadataIsUnflattened() {
    EncryptedFile file =
        DotenvStore.read(
            """
        # a comment
        KEY=a\\nb
        sops_pgp__list_0__map_fp=FP0
        sops_pgp__list_1__map_fp=FP1
        sops_pgp__list_0__map_enc=line1\\nline2
        sops_key_groups__list_0__map_age__list_0__map_recipient=age1x
        sops_mac_only_encrypted=true
        """);

    assertThat(file.documents())
        .containsExactly(new Branch(List.of(new Branch.Entry("KEY", "a\nb"))));
    assertThat(file.metadata())
        .isEqualTo(
            Map.of(
                "pgp", List.of(Map.of("fp", "FP0", "enc", "line1\nline2"), Map.of("fp", "FP1")),
                "key_groups", List.of(Map.of("age", List.of(Map.of("recipient", "age1x")))),
                "mac_only_encrypted", "true"));
  }

  @Test
  void iniSectionsAndQuotedValues() {
    EncryptedFile file =
        IniStore.read(
            """
        top = level
        [db]
        ; a comment
        user = "eve ; not a comment"
        password = secret ; a comment
        [sops]
        version = 3.9.0
        """);

    assertThat(file.documents())
        .containsExactly(
            new Branch(
                List.of(
                    new Branch.Entry(
                        "DEFAULT", new Branch(List.of(new Branch.Entry("top", "level")))),
                    new Branch.Entry(
                        "db",
                        new Branch(
                            List.of(
                                new Branch.Entry("user", "eve ; not a comment"),
                                new Branch.Entry("password", "secret")))))));
    assertThat(file.metadata()).isEqualTo(Map.of("version", "3.9.0"));
  }

  record Rule(Map<String, Object> sops, List<String> path, boolean encrypted) {}

  static Stream<Rule> rules() {
    return Stream.of(
        new Rule(Map.of(), List.of("a", "b"), true),
        new Rule(Map.of(), List.of("a_unencrypted", "b"), false),
        new Rule(Map.of("unencrypted_suffix", "_plain"), List.of("a_unencrypted"), true),
        new Rule(Map.of("encrypted_suffix", "_secret"), List.of("a"), false),
        new Rule(Map.of("encrypted_suffix", "_secret"), List.of("x_secret", "y"), true),
        new Rule(Map.of("encrypted_regex", "^(data|stringData)$"), List.of("data", "k"), true),
        new Rule(Map.of("encrypted_regex", "^(data|stringData)$"), List.of("metadata"), false),
        new Rule(Map.of("unencrypted_regex", "name"), List.of("metadata", "name"), false));
  }

  @ParameterizedTest
  @MethodSource("rules")
  void theRulesSayWhichPathsAreEncrypted(Rule rule) {
    assertThat(EncryptionRules.of(rule.sops()).encrypted(rule.path(), "value"))
        .isEqualTo(rule.encrypted());
  }

  record Typed(String plaintext, String type, Object value) {}

  static Stream<Typed> typed() {
    return Stream.of(
        new Typed("s", "str", "s"),
        new Typed("7", "int", 7),
        new Typed("0.5", "float", 0.5),
        new Typed("True", "bool", true),
        new Typed("raw", "bytes", "raw"));
  }

  @ParameterizedTest
  @MethodSource("typed")
  void decryptedValuesGetTheirSopsTypeBack(Typed typed) {
    assertThat(
            new ValueCipher.Plaintext(
                    typed.plaintext().getBytes(StandardCharsets.UTF_8), typed.type())
                .value())
        .isEqualTo(typed.value());
  }

  @Test
  void aValueThatDoesNotParseAsItsTypeIsNotQuoted() {
    ValueCipher.Plaintext plaintext =
        new ValueCipher.Plaintext("s3cr3t".getBytes(StandardCharsets.UTF_8), "int");

    assertThatThrownBy(plaintext::value).hasMessage("does not parse as its sops type int");
  }

  @Test
  void twoRulesInOneFileAreRefused() {
    assertThatThrownBy(
            () -> EncryptionRules.of(Map.of("encrypted_suffix", "_s", "unencrypted_regex", "x")))
        .hasMessageContaining("more than one of");
  }

  @Test
  void theFormatComesFromTheExtension() {
    assertThat(
            Stream.of("a.yaml", "b.YML", "c.json", "d.env", "e.ini", "f.bin")
                .map(SopsFormat::of)
                .map(format -> format.map(Enum::name).orElse("binary")))
        .containsExactly("YAML", "YAML", "JSON", "DOTENV", "INI", "binary");
  }
}
