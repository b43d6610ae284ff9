package io.helmsync.chart;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.SizeBoundedCache;
import io.helmsync.template.golib.GoYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a chart as Helm's {@code pkg/chart/loader} does, from a directory (honouring {@code
 * .helmignore}) or a {@code .tgz} archive: {@code Chart.yaml} (apiVersion v1 or v2; dependencies
 * also from {@code requirements.yaml}), {@code values.yaml}, {@code templates/}, subcharts under
 * {@code charts/} (directories or archives) and every other file for {@code .Files}.
 */
public final class ChartLoader {
  private static final String CHARTS = "charts/";
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /**
   * Default values by {@code values.yaml} text, up to 2 million characters of it: the charts of a
   * large helmfile, or all of the chart corpus's (about 1 million with subcharts).
   */
  private static final ParsedValues VALUES = new ParsedValues(2_000_000);

  private ChartLoader() {}

  /**
   * @param path a chart directory or {@code .tgz} archive
   * @param where the release and file for messages
   * @throws ReconcileException STALLED naming the chart file that is wrong and how
   */
  public static Chart load(Path path, String where) {
    String name = path.getFileName().toString();
    if (Files.isRegularFile(path)) {
      return fromFiles(name, ChartArchive.read(path, where), where);
    }
    return fromFiles(name, readDirectory(path, where), where);
  }

  /** One file of a chart: its slash-separated path in the chart and its bytes. */
  record ChartFile(String name, byte[] data) {}

  /** Helm's {@code LoadDir}: a walk in lexical order that skips what {@code .helmignore} names. */
  private static List<ChartFile> readDirectory(Path dir, String where) {
    HelmIgnore ignore = helmIgnore(dir, where);
    List<ChartFile> files = new ArrayList<>();
    try {
      walk(dir, dir, ignore, files);
    } catch (IOException e) {
      throw ReconcileException.stalled(
          where + ": cannot read chart " + dir.getFileName() + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static HelmIgnore helmIgnore(Path dir, String where) {
    Path file = dir.resolve(".helmignore");
    try {
      return HelmIgnore.parse(Files.isRegularFile(file) ? Files.readString(file) : "");
    } catch (IOException | IllegalArgumentException e) {
      throw ReconcileException.stalled(
          where + ": chart " + dir.getFileName() + "/.helmignore: " + e.getMessage(), e);
    }
  }

  private static void walk(Path root, Path dir, HelmIgnore ignore, List<ChartFile> out)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.sorted().toList();
    }
    for (Path entry : entries) {
      String name = root.relativize(entry).toString().replace('\\', '/');
      boolean directory = Files.isDirectory(entry);
      if (ignore.ignores(name, directory)) {
        continue;
      }
      if (directory) {
        walk(root, entry, ignore, out);
      } else {
        out.add(new ChartFile(name, withoutBom(Files.readAllBytes(entry))));
      }
    }
  }

  static byte[] withoutBom(byte[] data) {
    boolean bom =
        data.length >= 3
            && data[0] == UTF8_BOM[0]
            && data[1] == UTF8_BOM[1]
            && data[2] == UTF8_BOM[2];
    return bom ? Arrays.copyOfRange(data, 3, data.length) : data;
  }

  /** Helm's {@code LoadFiles}: sorts the files into metadata, values, templates, subcharts. */
  static Chart fromFiles(String path, List<ChartFile> files, String where) {
    Map<String, Object> metadata = null;
    Map<String, Object> defaults = new LinkedHashMap<>();
    List<Object> requirements = null;
    Optional<String> schema = Optional.empty();
    Map<String, String> templates = new TreeMap<>();
    Map<String, byte[]> other = new TreeMap<>();
    Map<String, List<ChartFile>> subchartFiles = new LinkedHashMap<>();
    for (ChartFile file : files) {
      String name = file.name();
      switch (name) {
        case "Chart.yaml" -> metadata = yamlMap(path, file, where);
        case "values.yaml" -> defaults = valuesMap(path, file, where);
        case "requirements.yaml" -> {
          requirements =
              yamlMap(path, file, where).get("dependencies") instanceof List<?> list
                  ? new ArrayList<>(list)
                  : List.of();
          other.put(name, file.data());
        }
        case "values.schema.json" -> schema = Optional.of(text(file));
        case "Chart.lock" -> {}
        default -> {
          if (name.startsWith("templates/")) {
            templates.put(name, text(file));
          } else if (name.startsWith(CHARTS) && !name.endsWith(".prov")) {
            addSubchartFile(file, subchartFiles);
          } else {
            other.put(name, file.data());
          }
        }
      }
    }
    metadata = ChartMetadata.validate(path, metadata, where);
    if (!"v1".equals(metadata.get("apiVersion"))) {
      other.remove("requirements.yaml");
    }
    List<Object> declared =
        metadata.get("dependencies") instanceof List<?> list
            ? new ArrayList<>(list)
            : requirements == null ? List.of() : requirements;
    return new Chart(
        path,
        metadata,
        defaults,
        templates,
        other,
        subcharts(path, subchartFiles, where),
        ChartMetadata.dependencies(path, declared, where),
        schema);
  }

  /** Groups {@code charts/<name>/...} by subchart, each file renamed relative to it. */
  private static void addSubchartFile(ChartFile file, Map<String, List<ChartFile>> subcharts) {
    String inCharts = file.name().substring(CHARTS.length());
    int slash = inCharts.indexOf('/');
    String subchart = slash < 0 ? inCharts : inCharts.substring(0, slash);
    String name = slash < 0 ? inCharts : inCharts.substring(slash + 1);
    subcharts
        .computeIfAbsent(subchart, k -> new ArrayList<>())
        .add(new ChartFile(name, file.data()));
  }

  private static List<Chart> subcharts(
      String parent, Map<String, List<ChartFile>> subchartFiles, String where) {
    List<Chart> subcharts = new ArrayList<>();
    subchartFiles.forEach(
        (name, files) -> {
          String path = parent + "/" + CHARTS + name;
          if (name.endsWith(".tgz")) {
            subcharts.add(
                fromFiles(path, ChartArchive.read(path, files.get(0).data(), where), where));
          } else if (files.size() == 1 && files.get(0).name().equals(name)) {
            throw ReconcileException.stalled(
                where
                    + ": "
                    + path
                    + " is neither a chart directory nor "
                    + "a .tgz chart archive; remove it or list it in .helmignore");
          } else {
            subcharts.add(fromFiles(path, files, where));
          }
        });
    return subcharts;
  }

  private static String text(ChartFile file) {
    return new String(file.data(), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> yamlMap(String chart, ChartFile file, String where) {
    try {
      // Helm reads Chart.yaml with sigs.k8s.io/yaml, which keeps the last of duplicate keys.
      List<GoYaml.Document> documents =
          GoYaml.documents(text(file), GoYaml.DuplicateKeys.LAST_WINS);
      Object value = documents.isEmpty() ? null : documents.get(0).value();
      return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
    } catch (GoYaml.SyntaxError e) {
      throw ReconcileException.stalled(
          where
              + ": chart "
              + chart
              + "/"
              + file.name()
              + ":"
              + e.line()
              + ":"
              + e.column()
              + ": invalid YAML: "
              + e.getMessage(),
          e);
    }
  }

  /** values.yaml through JSON, as Helm reads it: every number a float64. */
  private static Map<String, Object> valuesMap(String chart, ChartFile file, String where) {
    try {
      return VALUES.get(text(file), ChartLoader::valuesMap);
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(
          where
              + ": chart "
              + chart
              + "/values.yaml: "
              + e.getMessage()
              + "; fix the chart's default values",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> valuesMap(String text) {
    Object value = GoYaml.unmarshal(text);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : new LinkedHashMap<>();
  }

  /** How often a chart's values.yaml was found already parsed; see {@link ParsedValues}. */
  static SizeBoundedCache.Stats valuesCacheStats() {
    return VALUES.stats();
  }
}
