package io.helmsync.chart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Helm chart read from a directory: its metadata, default values, templates, other files (for
 * {@code .Files}) and the subcharts under {@code charts/}.
 *
 * @param metadata {@code Chart.yaml} as read
 * @param defaults {@code values.yaml}, numbers as float64 (Helm reads values through JSON)
 * @param templates template text by path relative to the chart, e.g. {@code templates/svc.yaml}
 * @param files every other file's text by path relative to the chart, for {@code .Files}
 * @param subcharts the charts under {@code charts/}, by directory name
 * @param dependencies {@code Chart.yaml}'s (or v1 {@code requirements.yaml}'s) dependencies
 */
public record Chart(
    Path dir,
    Map<String, Object> metadata,
    Map<String, Object> defaults,
    Map<String, String> templates,
    Map<String, String> files,
    Map<String, Chart> subcharts,
    List<Dependency> dependencies) {

  public String name() {
    return String.valueOf(metadata.get("name"));
  }

  /** A {@code dependencies:} entry: which subchart, under which name, enabled by what. */
  public record Dependency(String name, String alias, String condition, List<String> tags) {
    /** The key of its values in the parent, and the name it renders under. */
    public String effectiveName() {
      return alias == null || alias.isEmpty() ? name : alias;
    }
  }
}
