package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.model.YamlDocuments;
import io.helmsync.model.YamlDocuments.Document;
import io.helmsync.source.SourceSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads plain-YAML helmfile state: {@code bases:}, top-level {@code values:}, {@code
 * environments:} with values files and inline maps merged in order, and {@code releases:}. Layers merge as helmfile merges them: lists
 * (releases, an environment's values) append, in the order bases come first.
 *
 * <p>Keys that would change what is deployed but are not read yet ({@code helmfiles:}, {@code
 * templates:}, templated {@code .gotmpl} files) stop the load instead of being skipped, because
 * silently dropping releases would prune them from the cluster.
 */
public final class HelmfileLoader implements StateLoader {
  private static final String DEFAULT_ENVIRONMENT = "default";

  private final String stateFile;

  /**
   * @param stateFile the top-level state file, relative to the snapshot directory
   */
  public HelmfileLoader(String stateFile) {
    this.stateFile = stateFile;
  }

  @Override
  public HelmfileState load(SourceSnapshot snapshot, String environment) {
    Path root = snapshot.dir();
    Path file = root.resolve(stateFile).normalize();
    Layer merged = readLayer(root, file, new LinkedHashSet<>());
    List<Object> valueEntries = merged.environments().get(environment);
    if (valueEntries == null && !DEFAULT_ENVIRONMENT.equals(environment)) {
      throw ReconcileException.stalled(
          display(root, file)
              + ": environment '"
              + environment
              + "' is not defined; defined environments: "
              + merged.environments().keySet()
              + ". Add it under environments: or set HELMSYNC_ENVIRONMENT");
    }
    List<Object> layered = new ArrayList<>(merged.values());
    layered.addAll(valueEntries == null ? List.of() : valueEntries);
    Map<String, Object> values = ValuesFiles.merge(layered, file.getParent(), root);
    return new HelmfileState(environment, values, merged.releases(), file.getParent());
  }

  /** The parts of one state file (with its bases) that the skeleton reads. */
  private record Layer(
      List<Object> values, Map<String, List<Object>> environments, List<Release> releases) {
    static Layer empty() {
      return new Layer(new ArrayList<>(), new LinkedHashMap<>(), new ArrayList<>());
    }

    void append(Layer other) {
      values.addAll(other.values);
      other.environments.forEach(
          (name, entries) -> environments.computeIfAbsent(name, n -> new ArrayList<>()).addAll(entries));
      releases.addAll(other.releases);
    }
  }

  private Layer readLayer(Path root, Path file, Set<Path> loading) {
    String name = display(root, file);
    if (!loading.add(file)) {
      throw ReconcileException.stalled(name + ": bases include each other in a cycle: " + loading);
    }
    if (name.endsWith(".gotmpl")) {
      throw ReconcileException.stalled(
          name + ": templated state files are not supported by this version of helmsync");
    }
    Layer layer = Layer.empty();
    for (Document document : YamlDocuments.read(file, name)) {
      Map<String, Object> content = document.content();
      StateKeys.check(content.keySet(), name);
      for (String base : StateKeys.strings(content.get("bases"), name, "bases")) {
        layer.append(readLayer(root, file.getParent().resolve(base).normalize(), loading));
      }
      List<Object> values = StateKeys.list(content.get("values"), name, "values");
      layer.append(
          new Layer(values, environments(content, name), releases(content, file, name)));
    }
    loading.remove(file);
    return layer;
  }

  private static Map<String, List<Object>> environments(Map<String, Object> content, String file) {
    Map<String, List<Object>> environments = new LinkedHashMap<>();
    Map<String, Object> specs = StateKeys.map(content.get("environments"), file, "environments");
    specs.forEach(
        (name, spec) -> {
          String where = "environments." + name;
          Map<String, Object> fields = StateKeys.map(spec, file, where);
          StateKeys.checkEnvironment(fields.keySet(), file, where);
          environments.put(name, StateKeys.list(fields.get("values"), file, where + ".values"));
        });
    return environments;
  }

  private static List<Release> releases(Map<String, Object> content, Path file, String name) {
    List<Object> entries = StateKeys.list(content.get("releases"), name, "releases");
    List<Release> releases = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "releases[" + i + "]";
      Map<String, Object> fields = StateKeys.map(entries.get(i), name, where);
      releases.add(ReleaseReader.read(fields, file.getParent(), name + " " + where));
    }
    return releases;
  }

  static String display(Path root, Path file) {
    return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
  }
}
