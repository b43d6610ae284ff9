package io.helmsync.cli;

import io.helmsync.chart.ChartReference;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.Repository;
import io.helmsync.helmfile.SetValues;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.render.RenderedRelease;
import io.helmsync.template.golib.GoYaml;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code helmsync template}: one chart rendered to stdout as {@code helm template} prints it, so a
 * chart can be checked without a state file or a cluster. It renders with the same engine, values
 * rules and chart sources as the agent.
 */
@Command(
    name = "template",
    description =
        "Render one chart (a directory, a .tgz, repo/name with --repo, or oci://) to "
            + "stdout like helm template; touch no cluster.")
public class TemplateCommand implements Callable<Integer> {
  /** {@code --version} is the chart's, as in Helm, so only {@code --help} is standard here. */
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message.")
  boolean help;

  @Parameters(
      index = "0",
      paramLabel = "CHART",
      description = "chart directory or .tgz, repo/name (with --repo), or oci://host/path/name")
  String chart;

  @Option(
      names = {"-f", "--values"},
      paramLabel = "FILE",
      description = "values file; later files win")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VAL", description = "set values (a=1,b.c={x,y})")
  List<String> set = new ArrayList<>();

  @Option(names = "--set-string", paramLabel = "KEY=VAL", description = "set string values")
  List<String> setString = new ArrayList<>();

  @Option(
      names = "--release-name",
      defaultValue = "release-name",
      description = "release name (default: ${DEFAULT-VALUE})")
  String releaseName;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description = "release namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--kube-version", description = "Kubernetes version for .Capabilities")
  String kubeVersion;

  @Option(
      names = {"-a", "--api-versions"},
      paramLabel = "G/V",
      description = "extra API versions for .Capabilities.APIVersions")
  List<String> apiVersions = new ArrayList<>();

  @Option(names = "--include-crds", description = "print the charts' crds/ files first")
  boolean includeCrds;

  @Option(names = "--no-hooks", description = "leave hooks out")
  boolean noHooks;

  @Option(
      names = "--version",
      defaultValue = "",
      description = "chart version constraint, for repository and OCI charts")
  String version;

  @Option(names = "--repo", paramLabel = "URL", description = "chart repository URL")
  String repo;

  @Spec CommandSpec spec;
  @Inject Pipelines pipelines;

  @Override
  public Integer call() {
    try {
      Path cwd = Path.of("").toAbsolutePath();
      Path root = cwd.getRoot();
      List<Repository> repositories = new ArrayList<>();
      String reference = reference(cwd, root, repositories);
      PlannedRelease release =
          new PlannedRelease(
              releaseName,
              namespace,
              reference,
              version,
              cwd,
              values(),
              List.of(),
              Map.of(),
              null,
              "helmsync template " + chart,
              repositories);
      RenderedRelease rendered =
          new HelmChartRenderer(context(), pipelines.charts()).render(release, root);
      print(spec.commandLine().getOut(), rendered);
      return 0;
    } catch (ReconcileException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      return 1;
    }
  }

  /** With {@code --repo}, the chart is looked up in that repository, as Helm does. */
  private String reference(Path cwd, Path root, List<Repository> repositories) {
    if (repo != null) {
      String name = chart.contains("/") ? chart.substring(0, chart.indexOf('/')) : "repo";
      String inRepository = chart.substring(chart.indexOf('/') + 1);
      repositories.add(
          new Repository(name, repo, null, null, false, null, null, null, false, false));
      return name + "/" + inRepository;
    }
    ChartReference resolved = ChartReference.resolve(chart, cwd, root, "helmsync template");
    if (resolved.kind() == ChartReference.Kind.REPOSITORY) {
      throw new IllegalArgumentException(
          "chart '"
              + chart
              + "' is not a local chart directory "
              + "or archive; for a chart in a repository pass --repo URL");
    }
    return chart;
  }

  private ChartContext context() {
    ChartContext offline = ChartContext.offline();
    Set<String> versions = new LinkedHashSet<>(offline.apiVersions());
    versions.addAll(apiVersions);
    String kube =
        kubeVersion == null
            ? offline.kubeVersion()
            : kubeVersion.startsWith("v") ? kubeVersion : "v" + kubeVersion;
    return new ChartContext(kube, versions);
  }

  /** Helm's order: values files, then {@code --set}, then {@code --set-string}. */
  private Map<String, Object> values() {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Path file : valuesFiles) {
      values = mergeMaps(values, read(file));
    }
    for (String argument : set) {
      values =
          SetValues.apply(
              values,
              HelmSetArguments.entries(argument, false),
              false,
              name -> name,
              "--set " + argument);
    }
    for (String argument : setString) {
      values =
          SetValues.apply(
              values,
              HelmSetArguments.entries(argument, true),
              true,
              name -> name,
              "--set-string " + argument);
    }
    return values;
  }

  private static Map<String, Object> read(Path file) {
    try {
      Object parsed = GoYaml.unmarshal(Files.readString(file));
      if (parsed == null) {
        return Map.of();
      }
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("values file " + file + " is not a map of values");
      }
      return Yaml.asStringMap(map);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read values file " + file + ": " + e, e);
    } catch (GoYaml.SyntaxError e) {
      throw new IllegalArgumentException(
          "values file " + file + ":" + e.line() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Helm's {@code mergeMaps} for values files: maps merge, anything else replaces, and a null is
   * kept, so that it deletes the chart's default when values are coalesced.
   */
  private static Map<String, Object> mergeMaps(
      Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    override.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> overrideMap && out.get(key) instanceof Map<?, ?> baseMap) {
            out.put(key, mergeMaps(Yaml.asStringMap(baseMap), Yaml.asStringMap(overrideMap)));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }

  /** {@code helm template}'s layout: CRDs (if asked), objects in install order, then hooks. */
  private void print(PrintWriter out, RenderedRelease rendered) {
    if (includeCrds) {
      rendered.crds().forEach(crd -> print(out, crd));
    }
    rendered.manifests().forEach(object -> print(out, object));
    if (!noHooks) {
      rendered.hooks().stream().map(Hook::manifest).forEach(hook -> print(out, hook));
    }
    out.flush();
  }

  private static void print(PrintWriter out, Manifest object) {
    out.println("---");
    out.println("# Source: " + object.source());
    out.print(GoYaml.marshal(object.body()));
  }
}
