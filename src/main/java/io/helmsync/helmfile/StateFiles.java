package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a state file into a {@link StateLayer}: the file is split on {@code ---} lines into parts,
 * each rendered (v0: every file; v1: {@code .gotmpl} only) with the values loaded so far and its
 * documents read in order; a document's {@code bases:} are read, in place, before its own keys.
 * Relative paths in a base (values, releases, helmfiles, nested bases) resolve from the folder of
 * the state file that lists it, as in helmfile, whose loader reads a base with the including file's
 * {@code baseDir} ({@code loadBases} in {@code pkg/state/create.go}, {@code loadFileWithOverrides}
 * in {@code pkg/app/desired_state_file_loader.go}).
 */
final class StateFiles {
  private static final Pattern PART_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$\\n?");
  private static final int MAX_NESTING = 16;

  private final LoadContext context;
  private final EnvironmentValues environments;
  private final Repositories repositories;

  StateFiles(LoadContext context, EnvironmentValues environments, Repositories repositories) {
    this.context = context;
    this.environments = environments;
    this.repositories = repositories;
  }

  /**
   * Reads the state file {@code file} and its bases into the layer.
   *
   * @param chain the files being read, outermost first, to stop cycles; restored on return
   */
  void read(Path file, StateLayer layer, List<Path> chain) {
    read(file, file.getParent(), layer, chain);
  }

  /**
   * @param dir where relative paths in the file resolve: the including state file's folder
   */
  private void read(Path file, Path dir, StateLayer layer, List<Path> chain) {
    String name = context.display(file);
    if (chain.contains(file)) {
      throw ReconcileException.stalled(
          name
              + ": state files include each other in a cycle: "
              + String.join(" -> ", chain.stream().map(context::display).toList())
              + " -> "
              + name);
    }
    if (chain.size() > MAX_NESTING) {
      throw ReconcileException.stalled(
          name + ": bases and helmfiles nest more than " + MAX_NESTING + " deep");
    }
    chain.add(file);
    String text = context.values().read(file, name);
    boolean template = !context.options().gotmplOnly() || name.endsWith(".gotmpl");
    Matcher separators = PART_SEPARATOR.matcher(text);
    int partStart = 0;
    int partLine = 1;
    while (true) {
      boolean more = separators.find();
      String part = text.substring(partStart, more ? separators.start() : text.length());
      readPart(file, dir, part, partLine, template, layer, chain);
      if (!more) {
        break;
      }
      partLine += lines(text.substring(partStart, separators.end()));
      partStart = separators.end();
    }
    chain.remove(chain.size() - 1);
  }

  private void readPart(
      Path file,
      Path dir,
      String part,
      int firstLine,
      boolean template,
      StateLayer layer,
      List<Path> chain) {
    String name = context.display(file);
    String yaml = template ? context.templates().render(file, part, firstLine, layer.data()) : part;
    for (StateYaml.Mapping document : StateYaml.mappings(yaml, name, template)) {
      Map<String, Object> content = document.content();
      HelmfileKeys.STATE.check(content, name, "");
      for (String base : StateKeys.strings(content.get("bases"), name, "bases")) {
        read(
            context.values().confined(dir.resolve(base).normalize(), name + " bases"),
            dir,
            layer,
            chain);
      }
      readDocument(file, dir, content, layer);
    }
  }

  private void readDocument(Path file, Path dir, Map<String, Object> content, StateLayer layer) {
    String name = context.display(file);
    MissingFileHandler handler = MissingFileHandler.parse(content.get("missingFileHandler"), name);
    if (handler != null) {
      layer.missingFileHandler = handler;
    }
    layer.defaults =
        context
            .values()
            .layers(
                StateKeys.list(content.get("values"), name, "values"),
                dir,
                layer.defaults,
                loaded -> layer.data(),
                layer.missingFileHandler,
                name + " values");
    environments.read(content, dir, name, layer);
    layer.helmDefaults =
        Yaml.merge(
            layer.helmDefaults, StateKeys.map(content.get("helmDefaults"), name, "helmDefaults"));
    StateKeys.map(content.get("commonLabels"), name, "commonLabels")
        .forEach((k, v) -> layer.commonLabels.put(k, String.valueOf(v)));
    layer.templates.putAll(StateKeys.map(content.get("templates"), name, "templates"));
    repositories.read(content, name);
    List<Object> releases = StateKeys.list(content.get("releases"), name, "releases");
    for (int i = 0; i < releases.size(); i++) {
      String where = name + " releases[" + i + "]";
      layer.rawReleases.add(
          new ReleaseLoader.RawRelease(
              StateKeys.map(releases.get(i), where, "release"), dir, where));
    }
    List<Object> helmfiles = StateKeys.list(content.get("helmfiles"), name, "helmfiles");
    for (int i = 0; i < helmfiles.size(); i++) {
      layer.helmfiles.add(
          new SubHelmfiles.Entry(helmfiles.get(i), dir, name + " helmfiles[" + i + "]"));
    }
  }

  private static int lines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }
}
