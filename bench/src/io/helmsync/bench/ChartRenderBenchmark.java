package io.helmsync.bench;

import com.marcnuri.helm.Helm;
import io.helmsync.template.golib.GoYaml;
import io.helmsync.template.helm.HelmEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Orchestrate-shaped chart ({@code bench/charts/orchestrate-api}) rendered, warm, by:
 * <ul>
 *   <li>{@code helmsyncEngine}: helmsync's engine on templates and values already in memory
 *       (parsed templates come from the engine's cache), the agent's steady state;
 *   <li>{@code helmsyncFromDisk}: the same after reading the chart's files and values.yaml from
 *       disk on every render, the work {@code helm template} does too;
 *   <li>{@code helmJava}: Helm's own Go code through helm-java ({@code helm template}: chart
 *       loading, values, engine, output sorting), crossing JNA once per render.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChartRenderBenchmark {
  private static final Path CHART = Path.of("bench/charts/orchestrate-api");

  private Map<String, String> templates;
  private Map<String, Object> data;
  private Helm helm;
  private HelmEngine engine;

  @Setup
  public void load() {
    engine = new HelmEngine();
    templates = readTemplates();
    data = topLevel(readValues());
    helm = new Helm(CHART);
    requireSameManifests();
  }

  /** A benchmark of two renderers is only fair if they render the same thing. */
  private void requireSameManifests() {
    String helmOutput = helmJava();
    helmsyncEngine().forEach((file, manifest) -> {
      if (!manifest.isBlank() && !helmOutput.contains("# Source: " + file + "\n" + manifest.strip())) {
        throw new IllegalStateException("helmsync and Helm render " + file + " differently:\n"
            + manifest + "\n--- Helm:\n" + helmOutput);
      }
    });
  }

  @Benchmark
  public Map<String, String> helmsyncEngine() {
    return engine.render(templates, data);
  }

  @Benchmark
  public Map<String, String> helmsyncFromDisk() {
    return engine.render(readTemplates(), topLevel(readValues()));
  }

  @Benchmark
  public String helmJava() {
    return helm.template().withName("orchestrate").withNamespace("orchestrate-demo").call();
  }

  private static Map<String, String> readTemplates() {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.list(CHART.resolve("templates"))) {
      for (Path path : paths.sorted().toList()) {
        files.put("orchestrate-api/templates/" + path.getFileName(), Files.readString(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Object readValues() {
    try {
      return GoYaml.unmarshal(Files.readString(CHART.resolve("values.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top-level object Helm gives templates, with the fields this chart reads. */
  private static Map<String, Object> topLevel(Object values) {
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("Name", "orchestrate");
    release.put("Namespace", "orchestrate-demo");
    release.put("IsInstall", true);
    release.put("IsUpgrade", false);
    release.put("Revision", 1L);
    release.put("Service", "Helm");
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("Name", "orchestrate-api");
    chart.put("Version", "0.1.0");
    chart.put("AppVersion", "v21.1.9");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Values", values);
    data.put("Release", release);
    data.put("Chart", chart);
    return data;
  }
}
