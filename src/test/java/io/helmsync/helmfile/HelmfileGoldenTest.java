package io.helmsync.helmfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.YamlDocuments;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helmsync build} output for small helmfile repositories under {@code helmfile/golden/},
 * each covering a group of helmfile's keys and functions. A case is {@code repo/} (the repository),
 * {@code case.yaml} (environment, variables, which of them are secret) and {@code build.yaml}, the
 * expected output (a {@code repository:} key in {@code case.yaml} names another directory, such as
 * {@code config-repo-example}, instead of {@code repo/}), written from helmfile's documented
 * behaviour and reviewed by hand. To see what changed after an intended change, run with {@code
 * -Dhelmsync.golden.write=true}, which rewrites the files, and review the diff.
 */
class HelmfileGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/helmfile/golden");

  static Stream<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs.filter(Files::isDirectory).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildOutputMatches(Path dir) throws IOException {
    Map<String, Object> spec =
        YamlDocuments.read(dir.resolve("case.yaml"), "case.yaml").get(0).content();
    @SuppressWarnings("unchecked")
    Map<String, String> variables = (Map<String, String>) spec.getOrDefault("variables", Map.of());
    @SuppressWarnings("unchecked")
    List<String> secret = (List<String>) spec.getOrDefault("secretVariables", List.of());
    StateOptions options =
        StateOptions.of("helmfile.yaml", "golden", variables)
            .withSecretVariables(() -> Set.copyOf(secret))
            // The example's references: build shows resolved values as ***, whatever they are.
            .withSecrets(SecretResolver.placeholders());
    // A case may point at a repository elsewhere in the project (the example) instead of repo/.
    Path repo =
        (spec.containsKey("repository")
                ? Path.of((String) spec.get("repository"))
                : dir.resolve("repo"))
            .toAbsolutePath()
            .normalize();
    HelmfileState state =
        new HelmfileLoader(options)
            .load(
                new SourceSnapshot(
                    "file://golden", "main", "golden", repo, false, Optional.empty()),
                (String) spec.get("environment"));
    String actual = BuildOutput.render(state, "helmfile.yaml");
    Path expected = dir.resolve("build.yaml");
    if (Boolean.getBoolean("helmsync.golden.write")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
    secret.forEach(name -> assertThat(actual).doesNotContain(variables.get(name)));
  }
}
