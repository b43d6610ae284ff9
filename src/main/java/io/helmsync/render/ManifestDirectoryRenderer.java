package io.helmsync.render;

import io.helmsync.chart.ChartReference;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.model.YamlDocuments;
import io.helmsync.model.YamlDocuments.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders releases whose chart is a local directory of plain manifests: every {@code .yaml}, {@code
 * .yml} and {@code .json} file directly in the directory, in file-name order, each document one
 * object ({@code kind: List} expands to its items). Helm charts are refused with a message saying
 * so, rather than deploying something else.
 */
public final class ManifestDirectoryRenderer implements ChartRenderer {

  @Override
  public RenderedRelease render(PlannedRelease release, Path root) {
    String where = release.source();
    ChartReference chart = ChartReference.resolve(release.chart(), release.baseDir(), root, where);
    if (chart.kind() != ChartReference.Kind.MANIFEST_DIRECTORY) {
      throw ReconcileException.stalled(
          where
              + ": chart '"
              + release.chart()
              + "' is a Helm chart ("
              + chart.kind()
              + "); this version of helmsync renders only directories of plain manifests");
    }
    List<Manifest> manifests = new ArrayList<>();
    for (Path file : manifestFiles(chart.path(), where)) {
      String name = root.relativize(file).toString();
      for (Document document : YamlDocuments.read(file, name)) {
        addObjects(document.content(), name + ":" + document.line(), manifests);
      }
    }
    return new RenderedRelease(release.name(), release.namespace(), manifests);
  }

  private static List<Path> manifestFiles(Path dir, String where) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(ManifestDirectoryRenderer::isManifest)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": cannot list " + dir.getFileName(), e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  static void addObjects(Map<String, Object> body, String source, List<Manifest> out) {
    if ("List".equals(body.get("kind")) && body.get("items") instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof Map<?, ?> item)) {
          throw ReconcileException.stalled(source + ": items[" + i + "] is not an object");
        }
        addObjects(Yaml.asStringMap(item), source + " items[" + i + "]", out);
      }
      return;
    }
    out.add(new Manifest(refOf(body, source), body, source));
  }

  /**
   * Reads an object's identity, failing with the file and line when a required field is missing.
   */
  public static ObjectRef refOf(Map<String, Object> body, String source) {
    Map<?, ?> metadata = body.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
    String apiVersion = text(body.get("apiVersion"), source, "apiVersion");
    String kind = text(body.get("kind"), source, "kind");
    String name = text(metadata.get("name"), source, "metadata.name");
    Object namespace = metadata.get("namespace");
    return new ObjectRef(apiVersion, kind, namespace == null ? "" : namespace.toString(), name);
  }

  private static String text(Object value, String source, String field) {
    if (value == null || value.toString().isBlank()) {
      throw ReconcileException.stalled(source + ": object has no " + field);
    }
    return value.toString();
  }
}
