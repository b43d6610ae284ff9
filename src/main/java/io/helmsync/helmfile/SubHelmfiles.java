package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * helmfile's {@code helmfiles:}: which state file an entry names, the values it passes, and which
 * of the nested state's releases its selectors let through. Only files inside the checkout are
 * read; remote ({@code git::}, URL) helmfiles are refused.
 */
final class SubHelmfiles {
  private final LoadContext context;

  SubHelmfiles(LoadContext context) {
    this.context = context;
  }

  /** A {@code helmfiles:} entry as written: a path, or {@code {path, values, selectors}}. */
  record Entry(Object value, Path dir, String source) {}

  /**
   * A nested state to load.
   *
   * @param overrides the entry's {@code values:}, the only values the nested state sees besides its
   *     own
   * @param selectors the entry's {@code selectors:}, parsed when the releases are selected
   */
  record SubHelmfile(
      Path file, Map<String, Object> overrides, List<String> selectors, String source) {

    /** The nested state's releases that the selectors match, in order. */
    List<Release> select(List<Release> releases) {
      LabelSelector selector = LabelSelector.parse(selectors, source);
      return releases.stream()
          .filter(release -> selector.matches(implicitLabels(release)))
          .toList();
    }

    private static Map<String, String> implicitLabels(Release release) {
      Map<String, String> labels = new LinkedHashMap<>(release.labels());
      labels.put("name", release.name());
      labels.put("namespace", release.namespace());
      labels.put("chart", release.chart());
      return labels;
    }
  }

  /**
   * @param parent the state that lists the entry, whose values the entry's templates see
   */
  SubHelmfile resolve(Entry entry, StateLayer parent) {
    String path;
    // As in helmfile, a nested state sees only its own environment values and the entry's.
    Map<String, Object> overrides = Map.of();
    List<String> selectors = List.of();
    if (entry.value() instanceof String text) {
      path = text;
    } else {
      Map<String, Object> f = StateKeys.map(entry.value(), entry.source(), "helmfiles entry");
      HelmfileKeys.HELMFILE_ENTRY.check(f, entry.source(), "");
      path = StateKeys.string(f.get("path"), entry.source(), "path");
      overrides =
          ValuesLoader.fold(
              context
                  .values()
                  .layers(
                      StateKeys.list(f.get("values"), entry.source(), "values"),
                      entry.dir(),
                      List.of(overrides),
                      loaded -> parent.data(),
                      parent.missingFileHandler,
                      entry.source() + " values"));
      selectors = StateKeys.strings(f.get("selectors"), entry.source(), "selectors");
    }
    if (path.startsWith("git::") || path.contains("://")) {
      throw ReconcileException.stalled(
          entry.source()
              + ": remote helmfile '"
              + path
              + "' is not "
              + "fetched by helmsync; vendor it into the repository");
    }
    Path file = context.values().confined(entry.dir().resolve(path).normalize(), entry.source());
    return new SubHelmfile(file, overrides, selectors, entry.source());
  }
}
