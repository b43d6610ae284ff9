package io.helmsync.template.helmfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import io.helmsync.template.golib.GoYaml;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * helmfile's template functions. Golden cases under {@code template/helmfile/<case>/} take their
 * inputs and expected outputs from helmfile's documentation and its {@code pkg/tmpl} tests; each
 * case directory is the repository root, {@code values.yaml} (optional) is the data and {@code
 * -Dgolden.update=true} rewrites {@code output.txt}. Errors are checked here, message by message.
 */
class HelmfileFunctionsTest {
  /** The environment helmfile's own tests set, plus one repository credential. */
  private static final Map<String, String> ENV =
      Map.of(
          "HF_TEST_VAR", "content",
          "HF_TEST_ALPHA", "first",
          "HF_TEST_BETA", "second",
          "HF_TEST", "value",
          "GITHUB_TOKEN", "token",
          "HF_EMPTY", "");

  /** vals' {@code echo} provider: the reference itself is the value. */
  private static final SecretPort ECHO =
      ref -> {
        if (!ref.startsWith("ref+echo://")) {
          throw new IllegalArgumentException("no such provider in this test: " + ref);
        }
        return ref.substring("ref+echo://".length());
      };

  static Stream<Path> goldenCases() throws IOException, URISyntaxException {
    Path dir = Path.of(HelmfileFunctionsTest.class.getResource("/template/helmfile").toURI());
    try (Stream<Path> cases = Files.list(dir)) {
      return cases.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void rendersLikeHelmfile(Path caseDir) throws IOException {
    HelmfileFunctions functions =
        new HelmfileFunctions(
            caseDir,
            caseDir,
            TemplateEnvironment.of(ENV),
            ECHO,
            HelmfileFunctions.Options.defaults());
    String input = Files.readString(caseDir.resolve("input.gotmpl"));
    String actual =
        Template.create(functions.functions(), MissingKey.ERROR)
            .parse("input.gotmpl", input)
            .execute("input.gotmpl", data(caseDir.resolve("values.yaml")));
    String name = caseDir.getFileName().toString();
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(
          Path.of("src/test/resources/template/helmfile", name, "output.txt"), actual);
    }
    assertThat(actual).isEqualTo(Files.readString(caseDir.resolve("output.txt")));
  }

  private static Object data(Path values) throws IOException {
    return Files.exists(values)
        ? GoYaml.unmarshal(Files.readString(values))
        : new LinkedHashMap<String, Object>();
  }

  @TempDir Path temp;
  private Path root;

  @BeforeEach
  void repository() throws IOException {
    root = Files.createDirectories(temp.resolve("repo"));
    Files.createDirectories(root.resolve("envs"));
    Files.writeString(root.resolve("envs/values.yaml"), "a: 1\n");
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("token"), "not for templates");
    Files.createSymbolicLink(root.resolve("envs/escape"), outside);
    Files.createSymbolicLink(root.resolve("envs/token-link"), outside.resolve("token"));
  }

  private String render(String template, Object data) {
    return render(template, data, SecretPort.NOT_CONFIGURED, HelmfileFunctions.Options.defaults());
  }

  private String render(
      String template, Object data, SecretPort secrets, HelmfileFunctions.Options options) {
    HelmfileFunctions functions =
        new HelmfileFunctions(
            root, root.resolve("envs"), TemplateEnvironment.of(ENV), secrets, options);
    return Template.create(functions.functions(), MissingKey.ERROR)
        .parse("helmfile.yaml", template)
        .execute("helmfile.yaml", data);
  }

  record Failure(String template, String message) {
    @Override
    public String toString() {
      return template;
    }
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure(
            "{{ requiredEnv \"HF_TEST_NONE\" }}",
            "template: helmfile.yaml:1:3: executing "
                + "\"helmfile.yaml\" at <requiredEnv \"HF_TEST_NONE\">: error calling requiredEnv: "
                + "required env var `HF_TEST_NONE` is not set"),
        new Failure(
            "{{ requiredEnv \"HF_EMPTY\" }}",
            "error calling requiredEnv: required env var `HF_EMPTY` is not set"),
        new Failure(
            "{{ . | get \"Foo.baz\" }}",
            "error calling get: no value exist for key \"baz\" in map[Bar:Bar]"),
        new Failure(
            "{{ . | get \"foo.Bar\" \"fooBar\" }}",
            "error calling get: unexpected "
                + "type(float64) of value for key \"Bar\": it must be either map[string]any or any "
                + "struct"),
        new Failure(
            "{{ get \"a\" 1 2 . }}",
            "error calling get: unexpected number of args passed "
                + "to the template function get(path, [def, ]obj): expected 1 or 2, got 3, args was "
                + "[1 2 map[Foo:map[Bar:Bar] foo:1 none:<nil>]]"),
        new Failure(
            "{{ . | setValueAtPath \"Foo.Baz.x\" 1 }}",
            "error calling setValueAtPath: "
                + "failed to set value at path \"Foo.Baz.x\": value for key \"Baz\" does not exist"),
        new Failure(
            "{{ . | setValueAtPath \"foo.x\" 1 }}",
            "error calling setValueAtPath: "
                + "failed to set value at path \"foo.x\": value for key \"foo\" was not a map"),
        new Failure(
            "{{ required \"foo is required\" .none }}", "error calling required: foo is required"),
        new Failure(
            "{{ tpl \"{{ .missing }}\" . }}",
            "error calling tpl: template: stringTemplate:"
                + "1:3: executing \"stringTemplate\" at <.missing>: map has no entry for key "
                + "\"missing\""),
        new Failure(
            "{{ fromYaml \"[1, 2]\" }}",
            "error calling fromYaml: error unmarshaling JSON: "
                + "json: cannot unmarshal array into Go value of type map[string]interface {}, "
                + "offending yaml: [1, 2]"),
        new Failure(
            "{{ readFile \"missing.yaml\" }}",
            "error calling readFile: open envs/missing.yaml: no such file or directory"),
        new Failure("{{ readFile \".\" }}", "error calling readFile: open envs: is a directory"),
        new Failure(
            "{{ readDir \"values.yaml\" }}",
            "error calling readDir: ReadDir "
                + "\"envs/values.yaml\": open envs/values.yaml: not a directory"),
        new Failure(
            "{{ readDir \"missing\" }}",
            "error calling readDir: ReadDir \"envs/missing\": "
                + "open envs/missing: no such file or directory"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsLikeHelmfile(Failure failure) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Foo", new LinkedHashMap<>(Map.of("Bar", "Bar")));
    data.put("foo", 1.0);
    data.put("none", null);
    assertThatThrownBy(() -> render(failure.template(), data))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith(failure.message());
  }

  static Stream<Failure> escapes() {
    String leaves =
        "the path leaves the repository root; templates may only read files in the " + "repository";
    String link =
        "a symbolic link in the path points outside the repository root; templates may "
            + "only read files in the repository";
    return Stream.of(
        new Failure(
            "{{ readFile \"../../outside/token\" }}",
            "error calling readFile: \"../../outside/token\": " + leaves),
        new Failure(
            "{{ readFile \"/etc/passwd\" }}", "error calling readFile: \"/etc/passwd\": " + leaves),
        new Failure(
            "{{ isFile \"../../repo/../outside/token\" }}",
            "error calling isFile: \"../../repo/../outside/token\": " + leaves),
        new Failure(
            "{{ readDir \"..\" }} {{ readDir \"../..\" }}",
            "error calling readDir: \"../..\": " + leaves),
        new Failure(
            "{{ readFile \"escape/token\" }}", "error calling readFile: \"escape/token\": " + link),
        new Failure(
            "{{ readFile \"token-link\" }}", "error calling readFile: \"token-link\": " + link),
        new Failure(
            "{{ isFile \"escape/not-there\" }}",
            "error calling isFile: \"escape/not-there\": " + link),
        new Failure("{{ isDir \"escape\" }}", "error calling isDir: \"escape\": " + link),
        new Failure(
            "{{ readDirEntries \"escape\" }}",
            "error calling readDirEntries: \"escape\": " + link));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapes")
  void refusesPathsOutsideTheRepository(Failure failure) {
    assertThatThrownBy(() -> render(failure.template(), Map.of()))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith(failure.message())
        .hasMessageNotContaining(temp.toString());
  }

  @Test
  void readsInsideTheRepositoryRelativeToTheRenderedFile() {
    assertThat(
            render(
                "{{ readFile \"values.yaml\" }}{{ readFile \"../envs/./values.yaml\" }}"
                    + "{{ readDir \".\" }} {{ isDir \"..\" }} {{ isFile \"version.sh\" }}",
                Map.of()))
        .isEqualTo("a: 1\na: 1\n[escape token-link values.yaml] true false");
  }

  @Test
  void execIsDisabledUnlessAnOperatorListsTheCommand() {
    assertThatThrownBy(() -> render("{{ exec \"kubectl\" (list \"get\" \"secrets\") }}", Map.of()))
        .hasMessageEndingWith(
            "error calling exec: exec \"kubectl\" is disabled: helmsync runs "
                + "inside the cluster, where a Git push must not run commands; an operator can allow "
                + "this command by adding \"kubectl\" to HELMSYNC_TEMPLATE_ALLOWED_COMMANDS");
    assertThatThrownBy(() -> render("{{ envExec (dict \"A\" \"b\") \"sh\" (list) }}", Map.of()))
        .hasMessageContaining("error calling envExec: envExec \"sh\" is disabled");
  }

  @Test
  void runsAnAllowedCommandInTheFilesDirectoryWithTheInjectedEnvironment() throws IOException {
    Path script = root.resolve("envs/version.sh");
    Files.writeString(
        script, "#!/bin/sh\necho \"$(pwd) $HF_TEST $EXTRA $(cat)\"\n", StandardCharsets.UTF_8);
    assertThat(script.toFile().setExecutable(true)).isTrue();
    HelmfileFunctions.Options options =
        HelmfileFunctions.Options.defaults().withAllowedCommands(Set.of("echo", "./version.sh"));
    SecretPort none = SecretPort.NOT_CONFIGURED;
    assertThat(render("{{ exec \"echo\" (list \"foo\") }}", Map.of(), none, options))
        .isEqualTo("foo\n");
    assertThat(
            render(
                "{{ envExec (dict \"EXTRA\" \"x\") \"./version.sh\" (list) \"in\" }}",
                Map.of(),
                none,
                options))
        .isEqualTo(root.resolve("envs") + " value x in\n");
  }

  @Test
  void anAllowedCommandFailsOnTimeoutExitStatusAndWrongArgumentTypes() {
    HelmfileFunctions.Options options =
        HelmfileFunctions.Options.defaults()
            .withAllowedCommands(Set.of("sleep", "sh"))
            .withCommandTimeout(Duration.ofMillis(200));
    SecretPort none = SecretPort.NOT_CONFIGURED;
    assertThatThrownBy(() -> render("{{ exec \"sleep\" (list \"5\") }}", Map.of(), none, options))
        .hasMessageEndingWith(
            "error calling exec: command \"sleep\" did not finish within 200ms "
                + "and was killed");
    assertThatThrownBy(
            () ->
                render(
                    "{{ exec \"sh\" (list \"-c\" \"echo bad >&2; exit 3\") }}",
                    Map.of(),
                    none,
                    options))
        .hasMessageEndingWith("error calling exec: command \"sh\" failed: exit status 3: bad");
    assertThatThrownBy(() -> render("{{ exec \"sh\" (list 1) }}", Map.of(), none, options))
        .hasMessageEndingWith(
            "error calling exec: unexpected type of arg \"int\" in args [1] at " + "index 0");
  }

  @Test
  void secretsFailWithoutAPortAndNameTheReferenceWhenTheBackendFails() {
    assertThatThrownBy(
            () -> render("{{ fetchSecretValue \"ref+awssecrets://db#/password\" }}", Map.of()))
        .hasMessageEndingWith(
            "error calling fetchSecretValue: expand awssecrets://db#/password: "
                + "secrets are not configured in this agent; configure a secret backend to resolve "
                + "vals references such as ref+awssecrets://");
    assertThatThrownBy(
            () ->
                render(
                    "{{ . | expandSecretRefs }}",
                    Map.of("a", List.of("ref+vault://kv/db#/pw")),
                    ECHO,
                    HelmfileFunctions.Options.defaults()))
        .hasMessageEndingWith(
            "error calling expandSecretRefs: expand vault://kv/db#/pw: no such "
                + "provider in this test: ref+vault://kv/db#/pw");
  }

  @Test
  void tplThatRendersItselfStopsAtADepthLimit() {
    String self = "{{ tpl . . }}";
    assertThatThrownBy(() -> render(self, self))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith(
            "template: helmfile.yaml:1:3: executing \"helmfile.yaml\" at "
                + "<tpl . .>: error calling tpl: template: stringTemplate:1:3: ")
        .hasMessageEndingWith(
            "error calling tpl: tpl nested more than 32 deep: the text renders "
                + "tpl again without end");
  }
}
