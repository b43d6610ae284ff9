package io.helmsync.chart;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Helm chart as Helm's loader sees it, whether read from a directory or a {@code .tgz}: its
 * metadata, default values, templates, other files (for {@code .Files} and {@code crds/}) and its
 * subcharts under {@code charts/}.
 *
 * @param path where the chart is, for messages: {@code charts/api} or {@code umbrella/charts/db}
 * @param metadata {@code Chart.yaml} as read
 * @param defaults {@code values.yaml}, numbers as float64 (Helm reads values through JSON)
 * @param templates template text by path relative to the chart, e.g. {@code templates/svc.yaml}
 * @param files the other files by path, as {@code .Files} sees them: not {@code Chart.yaml}, {@code
 *     values.yaml}, {@code templates/} nor {@code charts/}
 * @param subcharts the charts under {@code charts/}, directories and archives, in load order
 * @param dependencies {@code Chart.yaml}'s (or {@code requirements.yaml}'s) dependencies
 * @param schema {@code values.schema.json}, which the merged values must meet; empty for none
 */
public record Chart(
    String path,
    Map<String, Object> metadata,
    Map<String, Object> defaults,
    Map<String, String> templates,
    Map<String, byte[]> files,
    List<Chart> subcharts,
    List<Dependency> dependencies,
    Optional<String> schema) {

  public Chart {
    // Chart.yaml may hold empty (null) fields, which Map.copyOf refuses.
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    templates = Map.copyOf(templates);
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    subcharts = List.copyOf(subcharts);
    dependencies = List.copyOf(dependencies);
  }

  /**
   * The chart with other default values: Helm replaces a parent's defaults by the values it imports
   * from its subcharts ({@code import-values}) under its own.
   */
  public Chart withDefaults(Map<String, Object> newDefaults) {
    return new Chart(
        path, metadata, newDefaults, templates, files, subcharts, dependencies, schema);
  }

  /** {@code Chart.yaml}'s {@code kubeVersion}: the clusters the chart supports; empty for any. */
  public String kubeVersion() {
    Object constraint = metadata.get("kubeVersion");
    return constraint == null ? "" : String.valueOf(constraint).strip();
  }

  public String name() {
    return String.valueOf(metadata.get("name"));
  }

  /** {@code name-version}, as {@code helm list} shows a release's chart. */
  public String nameAndVersion() {
    return name() + "-" + metadata.get("version");
  }

  /** A library chart only lends its named templates: its other files render nothing. */
  public boolean isLibrary() {
    return "library".equals(metadata.get("type"));
  }

  /**
   * The files of {@code crds/} with a manifest extension, in path order: Helm installs them as they
   * are, before anything else, and never templates them.
   */
  public List<String> crdFiles() {
    return files.keySet().stream()
        .filter(name -> name.startsWith("crds/"))
        .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))
        .toList();
  }

  /**
   * A {@code dependencies:} entry: which subchart, under which name, enabled by what, and which of
   * its values the parent imports.
   *
   * @param importValues {@code import-values}: each an exported name (read under the subchart's
   *     {@code exports.}) or a {@link ValueImport}
   */
  public record Dependency(
      String name,
      String alias,
      String condition,
      List<String> tags,
      List<ValueImport> importValues) {
    public Dependency {
      tags = List.copyOf(tags);
      importValues = List.copyOf(importValues);
    }

    /** The key of its values in the parent, and the name it renders under. */
    public String effectiveName() {
      return alias == null || alias.isEmpty() ? name : alias;
    }
  }

  /**
   * One {@code import-values} entry as Helm normalises it: the subchart's table at {@code child} is
   * copied to the parent's {@code parent} path ({@code .} for the top); the string form {@code
   * name} is {@code child: exports.name, parent: .}.
   */
  public record ValueImport(String child, String parent) {
    public static ValueImport exported(String name) {
      return new ValueImport("exports." + name, ".");
    }
  }
}
