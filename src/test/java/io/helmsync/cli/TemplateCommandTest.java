package io.helmsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.marcnuri.helm.Helm;
import io.helmsync.model.YamlDocuments;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helmsync template} against Helm's own {@code helm template} (helm-java) on the fixture
 * charts: the same documents with the same {@code # Source:} lines in the same order.
 */
@QuarkusMainTest
class TemplateCommandTest {
  private static final Path FIXTURES =
      Path.of("src/test/resources/chart/fixtures").toAbsolutePath();

  /** One printed document: its {@code # Source:} and its object. */
  record Document(String source, Map<String, Object> object) {}

  @Test
  void printsWhatHelmTemplatePrintsWithValuesFilesAndSet(
      QuarkusMainLauncher launcher, @TempDir Path work) throws Exception {
    Path values = work.resolve("values.yaml");
    Files.writeString(values, "image:\n  tag: \"1.25\"\ncommon:\n  team: payments\n");
    Path chart = FIXTURES.resolve("helpers");

    LaunchResult ours =
        launcher.launch(
            "template",
            chart.toString(),
            "--release-name",
            "web",
            "-n",
            "shop",
            "-f",
            values.toString(),
            "--set",
            "nameOverride=api,extraLabels.tier=gold",
            "--set-string",
            "extraLabels.build=0042",
            "--no-hooks");
    String helm =
        new Helm(chart)
            .template()
            .withName("web")
            .withNamespace("shop")
            .withValuesFile(values)
            .set("nameOverride", "api")
            .set("extraLabels.tier", "gold")
            .set("extraLabels.build", "0042")
            .call();

    assertThat(ours.exitCode()).as(ours.getErrorOutput()).isZero();
    assertThat(documents(ours.getOutput())).isNotEmpty().isEqualTo(documents(helm));
    assertThat(ours.getOutput()).contains("build: \"0042\"");
  }

  @Test
  void subchartsRenderInHelmsOrder(QuarkusMainLauncher launcher) {
    Path chart = FIXTURES.resolve("umbrella");

    LaunchResult ours =
        launcher.launch("template", chart.toString(), "--no-hooks", "--set", "cache.size=9");
    String helm =
        new Helm(chart)
            .template()
            .withName("release-name")
            .withNamespace("default")
            .set("cache.size", 9)
            .call();

    assertThat(documents(ours.getOutput())).hasSizeGreaterThan(2).isEqualTo(documents(helm));
  }

  @Test
  void hooksByDefaultAndCrdsOnlyWhenAsked(QuarkusMainLauncher launcher) {
    LaunchResult hooks = launcher.launch("template", FIXTURES.resolve("hooks").toString());
    LaunchResult noHooks =
        launcher.launch(
            "template", FIXTURES.resolve("hooks").toString(), "--no-hooks", "--include-crds");
    LaunchResult crds =
        launcher.launch("template", FIXTURES.resolve("crds").toString(), "--include-crds");

    assertThat(sources(hooks))
        .endsWith(
            "hooks/templates/hooks.yaml",
            "hooks/templates/hooks.yaml",
            "hooks/templates/hooks.yaml")
        .contains("hooks/templates/app.yaml");
    assertThat(sources(noHooks))
        .doesNotContain("hooks/templates/hooks.yaml")
        .contains("hooks/templates/app.yaml");
    assertThat(sources(crds))
        .startsWith("crds/crds/widgets.yaml", "crds/charts/operator/crds/gadgets.yaml");
    assertThat(sources(hooks))
        .as("no crds/ without --include-crds")
        .noneMatch(source -> source.contains("/crds/"));
  }

  @Test
  void aChartFromARepositoryByVersionConstraint(QuarkusMainLauncher launcher, @TempDir Path work)
      throws Exception {
    Path out = Files.createDirectories(work.resolve("out"));
    new Helm(FIXTURES.resolve("hooks")).packageIt().withDestination(out).call();
    Path archive;
    try (var files = Files.list(out)) {
      archive = files.findFirst().orElseThrow();
    }
    String version = archive.getFileName().toString().replaceAll("^hooks-|\\.tgz$", "");
    WireMockServer repository = new WireMockServer(options().dynamicPort());
    repository.start();
    try {
      repository.stubFor(
          get(urlEqualTo("/index.yaml"))
              .willReturn(
                  ok(
                      "apiVersion: v1\n"
                          + "entries:\n  hooks:\n  - name: hooks\n    version: "
                          + version
                          + "\n    urls:\n"
                          + "    - hooks.tgz\n")));
      repository.stubFor(
          get(urlEqualTo("/hooks.tgz")).willReturn(ok().withBody(Files.readAllBytes(archive))));

      LaunchResult ours =
          launcher.launch(
              "template",
              "hooks",
              "--repo",
              repository.baseUrl(),
              "--version",
              ">=" + version,
              "--no-hooks");
      String helm =
          new Helm(archive).template().withName("release-name").withNamespace("default").call();

      assertThat(ours.exitCode()).as(ours.getErrorOutput()).isZero();
      assertThat(documents(ours.getOutput())).isNotEmpty().isEqualTo(documents(helm));
    } finally {
      repository.stop();
    }
  }

  @Test
  void errorsGoToStderrWithANonZeroExit(QuarkusMainLauncher launcher) {
    LaunchResult missing = launcher.launch("template", "./no-such-chart");
    LaunchResult remote = launcher.launch("template", "bitnami/redis");
    LaunchResult badSet =
        launcher.launch("template", FIXTURES.resolve("hooks").toString(), "--set", "novalue");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.getErrorOutput())
        .contains("Error: ")
        .contains("chart './no-such-chart' does not exist");
    assertThat(missing.getOutput()).isEmpty();
    assertThat(remote.getErrorOutput()).contains("for a chart in a repository pass --repo URL");
    assertThat(badSet.getErrorOutput()).contains("key \"novalue\" has no value");
  }

  private static List<String> sources(LaunchResult result) {
    return documents(result.getOutput()).stream().map(Document::source).toList();
  }

  /**
   * The documents from the first {@code ---} on (the test launcher mixes start-up logs in). A
   * document without a {@code # Source:} line has the previous one's: Helm prints a template's
   * empty {@code ---} document as a separator after the comment, we print none.
   */
  private static List<Document> documents(String output) {
    List<Document> documents = new ArrayList<>();
    int start = output.startsWith("---") ? 0 : Math.max(0, output.indexOf("\n---") + 1);
    String source = "";
    for (String text : output.substring(start).split("(?m)^---\\s*$")) {
      if (text.isBlank()) {
        continue;
      }
      source =
          text.lines()
              .filter(line -> line.startsWith("# Source: "))
              .findFirst()
              .map(line -> line.substring("# Source: ".length()))
              .orElse(source);
      for (YamlDocuments.Document document : YamlDocuments.parse(text, "output")) {
        documents.add(new Document(source, document.content()));
      }
    }
    return documents;
  }
}
