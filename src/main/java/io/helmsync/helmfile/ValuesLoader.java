package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.secret.SecretSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Loads a {@code values:} list (file paths and inline maps) in order and merges it as helmfile
 * does: maps merge, lists, scalars and {@code null} replace. {@code *.gotmpl} files are templates;
 * plain {@code .yaml} files are read as they are, because real repositories keep {@code {{ }}} in
 * them that is meant for the chart.
 */
final class ValuesLoader {
  private final Path root;
  private final StateTemplates templates;

  ValuesLoader(Path root, StateTemplates templates) {
    this.root = root;
    this.templates = templates;
  }

  /**
   * Loads the entries as layers, each kept apart so that a {@code .gotmpl} entry can be given the
   * layers before it; {@link #fold} merges them.
   *
   * @param entries file paths (relative to {@code baseDir}) and inline maps, lowest precedence
   *     first
   * @param below the layers the entries go on top of
   * @param dataFor what a {@code .gotmpl} entry sees, given the layers loaded so far: helmfile
   *     renders each environment values file with the files before it already loaded
   * @param usedBy who lists these values, for messages ({@code environments.demo})
   */
  List<Map<String, Object>> layers(
      List<Object> entries,
      Path baseDir,
      List<Map<String, Object>> below,
      Function<List<Map<String, Object>>, Map<String, Object>> dataFor,
      MissingFileHandler missing,
      String usedBy) {
    List<Map<String, Object>> layers = new ArrayList<>(below);
    for (Object entry : entries) {
      layers.add(load(entry, baseDir, dataFor.apply(layers), missing, usedBy));
    }
    return layers;
  }

  /**
   * Loads SOPS-encrypted values files (helmfile's {@code secrets:}) as layers, decrypted in memory
   * by the load's session, which remembers their values as secret. Once decrypted they are plain
   * values, never templates, as helm-secrets hands them to helm.
   *
   * @param entries file paths, relative to {@code baseDir}, lowest precedence first
   * @param usedBy who lists these files, for messages ({@code environments.demo secrets})
   */
  List<Map<String, Object>> secretLayers(
      List<Object> entries,
      Path baseDir,
      MissingFileHandler missing,
      String usedBy,
      SecretSession session) {
    List<Map<String, Object>> layers = new ArrayList<>();
    for (Object entry : entries) {
      if (!(entry instanceof String path)) {
        throw ReconcileException.stalled(
            usedBy + ": a secrets entry must be the path of a " + "SOPS-encrypted file");
      }
      Path file = confined(baseDir.resolve(path).normalize(), usedBy);
      String name = HelmfileLoader.display(root, file);
      if (!Files.isRegularFile(file)) {
        missing.handle(name, usedBy);
        continue;
      }
      try {
        layers.add(session.decrypt(name, Files.readAllBytes(file)));
      } catch (IOException e) {
        throw ReconcileException.stalled(name + ": cannot read file: " + e.getMessage(), e);
      }
    }
    return layers;
  }

  /**
   * The layers merged in order: maps merge, lists and scalars replace, and so does {@code null},
   * which keeps its key. helmfile merges environment and state values with mergo ({@code
   * WithOverride, WithOverwriteWithEmptyValue} in {@code pkg/state/envvals_loader.go}), which never
   * deletes, and Helm merges values files the same way ({@code mergeMaps}); deleting a key under a
   * {@code null} is Helm's rule for a chart's defaults only, applied when the chart renders.
   */
  static Map<String, Object> fold(List<Map<String, Object>> layers) {
    Map<String, Object> merged = Map.of();
    for (Map<String, Object> layer : layers) {
      merged = overlay(merged, layer);
    }
    return merged;
  }

  private static Map<String, Object> overlay(Map<String, Object> below, Map<String, Object> top) {
    Map<String, Object> result = new LinkedHashMap<>(below);
    top.forEach(
        (key, value) ->
            result.put(
                key,
                value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> under
                    ? overlay(Yaml.asStringMap(under), Yaml.asStringMap(map))
                    : value));
    return Collections.unmodifiableMap(result);
  }

  private Map<String, Object> load(
      Object entry,
      Path baseDir,
      Map<String, Object> data,
      MissingFileHandler missing,
      String usedBy) {
    if (entry instanceof Map<?, ?> inline) {
      return Yaml.asStringMap(inline);
    }
    if (!(entry instanceof String path)) {
      throw ReconcileException.stalled(
          usedBy + ": a values entry must be a file path or a " + "mapping, found '" + entry + "'");
    }
    Path file = confined(baseDir.resolve(path).normalize(), usedBy);
    String name = HelmfileLoader.display(root, file);
    if (!Files.isRegularFile(file)) {
      missing.handle(name, usedBy);
      return Map.of();
    }
    String text = read(file, name);
    boolean template = name.endsWith(".gotmpl");
    String yaml = template ? templates.render(file, text, 1, data) : text;
    return StateYaml.valuesFile(yaml, name, template);
  }

  /** The file, if it and its real path (after symlinks) are inside the repository. */
  Path confined(Path file, String usedBy) {
    String name = HelmfileLoader.display(root, file);
    if (!file.startsWith(root)) {
      throw ReconcileException.stalled(
          usedBy
              + ": "
              + name
              + " is outside the repository; paths "
              + "must stay inside the checkout");
    }
    try {
      if (Files.exists(file) && !file.toRealPath().startsWith(root.toRealPath())) {
        throw ReconcileException.stalled(
            usedBy
                + ": "
                + name
                + " is a link to outside the "
                + "repository; paths must stay inside the checkout");
      }
    } catch (IOException e) {
      throw ReconcileException.stalled(
          usedBy + ": cannot resolve " + name + ": " + e.getMessage(), e);
    }
    return file;
  }

  String read(Path file, String name) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw ReconcileException.stalled(name + ": cannot read file: " + e.getMessage(), e);
    }
  }
}
