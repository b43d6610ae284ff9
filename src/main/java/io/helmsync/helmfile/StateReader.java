package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the state tree of one load: a state file with its bases, its environment checked, its
 * releases loaded and its nested helmfiles read the same way, their selected releases first.
 */
final class StateReader {
  private static final Logger LOG = Logger.getLogger(StateReader.class);

  private final LoadContext context;
  private final Repositories repositories = new Repositories();
  private final EnvironmentValues environments;
  private final StateFiles files;
  private final ReleaseLoader releases;
  private final SubHelmfiles helmfiles;

  StateReader(LoadContext context) {
    this.context = context;
    this.environments = new EnvironmentValues(context);
    this.files = new StateFiles(context, environments, repositories);
    this.releases = new ReleaseLoader(context);
    this.helmfiles = new SubHelmfiles(context);
  }

  /** The top-level state file ({@link StateOptions#stateFile()}) and all it includes. */
  HelmfileState readTop() {
    Path top =
        context
            .values()
            .confined(
                context.root().resolve(context.options().stateFile()).normalize(), "stateFile");
    StateLayer layer = read(top, Map.of(), List.of());
    List<Release> all = layer.allReleases();
    checkUnique(all);
    return new HelmfileState(
        context.environment(),
        layer.effectiveValues(),
        all,
        repositories.all(),
        context.root(),
        context.secretValues());
  }

  /**
   * A state file with its bases, its releases loaded and its nested helmfiles read.
   *
   * @param overrides the values its parent's {@code helmfiles:} entry passed
   * @param chain the state files that include this one, outermost first
   */
  private StateLayer read(Path file, Map<String, Object> overrides, List<Path> chain) {
    StateLayer layer =
        new StateLayer(overrides, context.environment(), context.options().namespace());
    files.read(file, layer, new ArrayList<>(chain));
    String name = context.display(file);
    if (chain.isEmpty()) {
      environments.requireDeclared(layer, name);
    } else if (skipsEnvironment(layer, overrides)) {
      LOG.infof(
          "%s: skipped, as helmfile skips it: it does not declare environment %s",
          name, context.environment());
      return new StateLayer(overrides, context.environment(), context.options().namespace());
    }
    refuseLockFile(file, name);
    ReleaseSettings defaults = ReleaseReader.defaults(layer.helmDefaults, name);
    for (ReleaseLoader.RawRelease raw : layer.rawReleases) {
      layer.releases.add(releases.load(raw, layer, defaults));
    }
    for (SubHelmfiles.Entry entry : layer.helmfiles) {
      SubHelmfiles.SubHelmfile sub = helmfiles.resolve(entry, layer);
      List<Path> subChain = new ArrayList<>(chain);
      subChain.add(file);
      StateLayer child = read(sub.file(), sub.overrides(), subChain);
      layer.subReleases.addAll(sub.select(child.allReleases()));
    }
    return layer;
  }

  /**
   * Whether helmfile skips a nested state for the selected environment: it fails to load with
   * {@code UndefinedEnvError} when it declares environments but not this one, or none at all while
   * its {@code helmfiles:} entry passes no values ({@code load} in {@code
   * pkg/app/desired_state_file_loader.go}), and {@code visitStates} in {@code pkg/app/app.go} skips
   * a state file that fails so, with its own nested helmfiles.
   */
  private boolean skipsEnvironment(StateLayer layer, Map<String, Object> overrides) {
    return !environments.isDeclared(layer)
        && (!layer.declaredEnvironments.isEmpty() || overrides.isEmpty());
  }

  /**
   * helmfile pins the versions of a state's repository charts from {@code NAME.lock} beside it
   * ({@code pkg/state/chart_dependency.go}, written by {@code helmfile deps}); helmsync does not
   * read it yet, so it stops the load rather than deploying other versions than helmfile would.
   */
  private void refuseLockFile(Path file, String name) {
    String base =
        file.getFileName().toString().replaceFirst("\\.gotmpl$", "").replaceFirst("\\.ya?ml$", "");
    Path lock = file.resolveSibling(base + ".lock");
    if (Files.isRegularFile(lock)) {
      throw ReconcileException.stalled(
          context.display(lock)
              + ": helmfile pins the chart "
              + "versions of "
              + name
              + " from this lock file, which helmsync does not read yet: "
              + "write the locked versions into the releases' version: and delete the lock file");
    }
  }

  private void checkUnique(List<Release> releases) {
    Map<String, Release> seen = new LinkedHashMap<>();
    for (Release release : releases) {
      String namespace = context.namespaces().of(release.namespace());
      Release other = seen.put(namespace + "/" + release.name(), release);
      if (other != null) {
        throw ReconcileException.stalled(
            release.source()
                + ": duplicate release "
                + namespace
                + "/"
                + release.name()
                + ", also declared at "
                + other.source()
                + "; release names must be unique in a namespace");
      }
    }
  }
}
