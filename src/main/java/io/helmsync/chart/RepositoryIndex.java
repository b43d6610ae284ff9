package io.helmsync.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.SemanticVersion;
import io.helmsync.model.VersionConstraint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A chart repository's {@code index.yaml}: every version of every chart, with where to download it
 * and its digest. Versions are picked as Helm's {@code IndexFile.Get} picks them.
 */
final class RepositoryIndex {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final int VERSIONS_SHOWN = 5;

  private final Map<String, List<ChartVersion>> entries;

  private RepositoryIndex(Map<String, List<ChartVersion>> entries) {
    this.entries = entries;
  }

  /**
   * One downloadable chart version.
   *
   * @param urls absolute or relative to the repository URL
   * @param digest the archive's sha256 in hex; empty when the index has none
   */
  record ChartVersion(String name, String version, List<String> urls, String digest) {
    ChartVersion {
      urls = List.copyOf(urls);
    }
  }

  static RepositoryIndex parse(byte[] yaml, String what, String where) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw ReconcileException.stalled(
          where + ": " + what + " is not valid YAML: " + e.getMessage(), e);
    }
    JsonNode entries = root == null ? null : root.get("entries");
    if (entries == null || !entries.isObject()) {
      throw ReconcileException.stalled(
          where + ": " + what + " has no entries; is the URL a Helm " + "chart repository?");
    }
    Map<String, List<ChartVersion>> byName = new LinkedHashMap<>();
    entries
        .fields()
        .forEachRemaining(
            entry -> byName.put(entry.getKey(), versions(entry.getKey(), entry.getValue())));
    return new RepositoryIndex(byName);
  }

  private static List<ChartVersion> versions(String name, JsonNode list) {
    List<ChartVersion> versions = new ArrayList<>();
    for (JsonNode node : list) {
      List<String> urls = new ArrayList<>();
      node.path("urls").forEach(url -> urls.add(url.asText()));
      versions.add(
          new ChartVersion(
              name, node.path("version").asText(""), urls, node.path("digest").asText("")));
    }
    // Helm's SortEntries: newest first; versions that are not semver keep their place at the end.
    versions.sort(
        Comparator.comparing(
            RepositoryIndex::semverOrNull, Comparator.nullsLast(Comparator.reverseOrder())));
    return versions;
  }

  private static SemanticVersion semverOrNull(ChartVersion version) {
    return SemanticVersion.isValid(version.version())
        ? SemanticVersion.parse(version.version())
        : null;
  }

  /**
   * The exact version when one is written as the constraint, else the newest that satisfies it
   * ({@code *}, releases only, when empty).
   *
   * @param what the repository, for messages
   * @throws ReconcileException STALLED naming the chart and constraint, and listing what exists
   */
  ChartVersion select(String chart, String constraint, String what, String where) {
    List<ChartVersion> versions = entries.get(chart);
    if (versions == null || versions.isEmpty()) {
      throw ReconcileException.stalled(
          where
              + ": chart '"
              + chart
              + "' is not in "
              + what
              + "; check the chart name"
              + listed("charts there", List.copyOf(entries.keySet())));
    }
    for (ChartVersion version : versions) {
      if (version.version().equals(constraint)) {
        return version;
      }
    }
    VersionConstraint parsed = parseConstraint(constraint, chart, where);
    return versions.stream()
        .filter(
            v ->
                SemanticVersion.isValid(v.version())
                    && parsed.matches(SemanticVersion.parse(v.version())))
        .findFirst()
        .orElseThrow(
            () ->
                ReconcileException.stalled(
                    where
                        + ": no version of chart '"
                        + chart
                        + "' in "
                        + what
                        + " satisfies '"
                        + constraint
                        + "'"
                        + listed(
                            "newest available",
                            versions.stream().map(ChartVersion::version).toList())
                        + "; change the release's version:"));
  }

  static VersionConstraint parseConstraint(String constraint, String chart, String where) {
    try {
      return VersionConstraint.parse(constraint.isEmpty() ? "*" : constraint);
    } catch (IllegalArgumentException e) {
      throw ReconcileException.stalled(
          where
              + ": version '"
              + constraint
              + "' of chart '"
              + chart
              + "' is not a semver constraint ("
              + e.getMessage()
              + "); write e.g. 1.2.3, ~1.2 or "
              + ">=1.2 <2",
          e);
    }
  }

  /** The first few names, newest first, for a message. */
  static String listed(String label, List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    String shown = names.stream().limit(VERSIONS_SHOWN).collect(Collectors.joining(", "));
    return " (" + label + ": " + shown + (names.size() > VERSIONS_SHOWN ? ", ..." : "") + ")";
  }
}
