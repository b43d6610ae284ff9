package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code releases:} entry into a {@link Release}: {@code templates:} inherited, fields
 * read, templated values paths rendered with {@code .Release}, values files and then SOPS {@code
 * secrets:} files loaded and merged, {@code set}/{@code setString} applied, secret references
 * resolved.
 */
final class ReleaseLoader {
  private final LoadContext context;

  ReleaseLoader(LoadContext context) {
    this.context = context;
  }

  /** A {@code releases:} entry as parsed, before templates and values. */
  record RawRelease(Map<String, Object> fields, Path dir, String source) {}

  /**
   * @param layer the state that declared the release, whose values and templates it sees
   * @param defaults the state's {@code helmDefaults}
   */
  Release load(RawRelease raw, StateLayer layer, ReleaseSettings defaults) {
    Map<String, Object> fields =
        ReleaseTemplates.inherit(raw.fields(), layer.templates, raw.source());
    ReleaseReader.Spec spec = ReleaseReader.read(fields, raw.source(), defaults);
    Map<String, String> labels = new LinkedHashMap<>(layer.commonLabels);
    labels.putAll(spec.labels());
    Map<String, Object> data = data(spec, labels, layer);
    String where = spec.source();
    boolean installed = spec.installed() && condition(spec.condition(), layer, where);
    MissingFileHandler handler =
        spec.missingFileHandler() != null ? spec.missingFileHandler() : layer.missingFileHandler;
    List<Map<String, Object>> layers =
        new ArrayList<>(
            context
                .values()
                .layers(
                    rendered(spec.values(), raw.dir(), data, where + " values"),
                    raw.dir(),
                    List.of(),
                    loaded -> data,
                    handler,
                    where + " values"));
    // helm-secrets passes the decrypted files to helm after the values files.
    layers.addAll(
        context
            .values()
            .secretLayers(
                rendered(spec.secrets(), raw.dir(), data, where + " secrets"),
                raw.dir(),
                handler,
                where + " secrets",
                context.secrets()));
    Map<String, Object> merged = ValuesLoader.fold(layers);
    merged =
        SetValues.apply(
            merged, spec.set(), false, path -> readSetFile(raw.dir(), path, where), where);
    merged =
        SetValues.apply(
            merged, spec.setString(), true, path -> readSetFile(raw.dir(), path, where), where);
    merged = context.secrets().resolveValues(merged, where + " values");
    return new Release(
        spec.name(),
        spec.namespace(),
        spec.chart(),
        spec.version(),
        merged,
        installed,
        spec.needs(),
        labels,
        spec.settings(),
        raw.dir(),
        where);
  }

  /** The entries with templated paths rendered with {@code .Release}. */
  private List<Object> rendered(
      List<Object> entries, Path dir, Map<String, Object> data, String usedBy) {
    return entries.stream()
        .map(
            entry ->
                entry instanceof String path && path.contains("{{")
                    ? context.templates().render(usedBy, dir, path, 1, data)
                    : entry)
        .toList();
  }

  /** The state's template data with {@code .Release} and {@code .Chart} added. */
  private Map<String, Object> data(
      ReleaseReader.Spec spec, Map<String, String> labels, StateLayer layer) {
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("Name", spec.name());
    release.put("Namespace", context.namespaces().of(spec.namespace()));
    release.put("Labels", new LinkedHashMap<String, Object>(labels));
    release.put("Chart", spec.chart());
    release.put("ChartVersion", spec.version());
    release.put("KubeContext", "");
    Map<String, Object> data = new LinkedHashMap<>(layer.data());
    data.put("Release", release);
    data.put("Chart", spec.chart());
    return data;
  }

  private String readSetFile(Path dir, String path, String where) {
    Path file = context.values().confined(dir.resolve(path).normalize(), where + " set");
    return context.values().read(file, context.display(file));
  }

  /** helmfile's {@code condition: a.enabled}: the release is installed when the value is true. */
  private static boolean condition(String condition, StateLayer layer, String where) {
    if (condition == null) {
      return true;
    }
    if (!condition.endsWith(".enabled")) {
      throw ReconcileException.stalled(
          where
              + ": condition '"
              + condition
              + "' must be a values path ending in .enabled, as helmfile requires");
    }
    Object value = layer.effectiveValues();
    for (String key : condition.split("\\.")) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return Boolean.TRUE.equals(value);
  }
}
