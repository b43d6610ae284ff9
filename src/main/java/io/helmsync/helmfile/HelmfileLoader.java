package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.secret.Redaction;
import io.helmsync.secret.SecretSession;
import io.helmsync.source.SourceSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a helmfile state as {@code helmfile -e ENV} does (v0 behaviour by default): every state
 * file is a template, split on {@code ---} lines into parts, each rendered with the environment
 * values loaded so far and merged in; {@code bases:} load before the part that lists them;
 * environment values load in order ({@code .gotmpl} files rendered); releases get their values
 * files rendered with {@code .Release}; nested {@code helmfiles:} load as sub-states whose releases
 * come first. Anything wrong stops the load with the file, line and release, so that nothing is
 * applied from a state that was only half read.
 */
public final class HelmfileLoader implements StateLoader {
  private static final String DEFAULT_ENVIRONMENT = "default";
  private static final Pattern PART_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$\\n?");
  private static final int MAX_NESTING = 16;

  private final StateOptions options;

  public HelmfileLoader(StateOptions options) {
    this.options = options;
  }

  @Override
  public HelmfileState load(SourceSnapshot snapshot, String environment) {
    return new Load(snapshot.dir().toAbsolutePath().normalize(), environment).run();
  }

  static String display(Path root, Path file) {
    return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
  }

  /** One load: the repository, the environment, and what the templates may read. */
  private final class Load {
    private final Path root;
    private final String environment;
    private final Map<String, String> variables;
    private final StateTemplates templates;
    private final ValuesLoader values;
    private final SecretSession secrets;
    private final List<Repository> repositories = new ArrayList<>();

    Load(Path root, String environment) {
      this.root = root;
      this.environment = environment;
      this.variables = Map.copyOf(options.environmentVariables().get());
      this.secrets = options.secrets().session();
      this.templates = new StateTemplates(root, variables, options, secrets);
      this.values = new ValuesLoader(root, templates);
    }

    HelmfileState run() {
      try {
        return loadTop();
      } catch (ReconcileException e) {
        throw withoutSecrets(e);
      }
    }

    /**
     * The error with every secret value masked; a masked error drops its cause, whose message
     * (a template's) may hold the value too.
     */
    private ReconcileException withoutSecrets(ReconcileException e) {
      String message = String.valueOf(e.getMessage());
      String masked = Redaction.of(secretValues()).mask(message);
      return masked.equals(message) ? e : new ReconcileException(e.reason(), masked, null);
    }

    private HelmfileState loadTop() {
      Path top = values.confined(root.resolve(options.stateFile()).normalize(), "stateFile");
      StateLayer layer = state(top, Map.of(), List.of());
      List<Release> releases = new ArrayList<>(layer.subReleases);
      releases.addAll(layer.releases);
      checkUnique(releases);
      return new HelmfileState(environment, layer.effectiveValues(), releases, repositories, root,
          secretValues());
    }

    private Set<String> secretValues() {
      Set<String> secret = new HashSet<>();
      for (String name : options.secretVariables().get()) {
        String value = variables.get(name);
        if (value != null && !value.isEmpty()) {
          secret.add(value);
        }
      }
      secret.addAll(secrets.values());
      return secret;
    }

    /** A state file with its bases, its releases resolved and its nested helmfiles loaded. */
    private StateLayer state(Path file, Map<String, Object> overrides, List<Path> chain) {
      StateLayer layer = new StateLayer(overrides);
      readFile(file, layer, new ArrayList<>(chain));
      String name = display(root, file);
      if (!DEFAULT_ENVIRONMENT.equals(environment) && !layer.declaredEnvironments.contains(environment)) {
        throw ReconcileException.stalled(name + ": environment '" + environment
            + "' is not defined; defined environments: " + new TreeSet<>(layer.declaredEnvironments)
            + ". Add it under environments: (or in a base) or set HELMSYNC_ENVIRONMENT");
      }
      ReleaseSettings defaults = ReleaseReader.defaults(layer.helmDefaults, name);
      for (RawRelease raw : layer.rawReleases) {
        layer.releases.add(resolve(raw, layer, defaults));
      }
      for (SubHelmfile sub : layer.helmfiles) {
        loadSubHelmfile(sub, layer, chain, file);
      }
      return layer;
    }

    private void readFile(Path file, StateLayer layer, List<Path> chain) {
      String name = display(root, file);
      if (chain.contains(file)) {
        throw ReconcileException.stalled(name + ": state files include each other in a cycle: "
            + String.join(" -> ", chain.stream().map(p -> display(root, p)).toList()) + " -> "
            + name);
      }
      if (chain.size() > MAX_NESTING) {
        throw ReconcileException.stalled(name + ": bases and helmfiles nest more than "
            + MAX_NESTING + " deep");
      }
      chain.add(file);
      String text = values.read(file, name);
      boolean template = !options.gotmplOnly() || name.endsWith(".gotmpl");
      Matcher separators = PART_SEPARATOR.matcher(text);
      int partStart = 0;
      int partLine = 1;
      while (true) {
        boolean more = separators.find();
        String part = text.substring(partStart, more ? separators.start() : text.length());
        readPart(file, part, partLine, template, layer, chain);
        if (!more) {
          break;
        }
        partLine += lines(text.substring(partStart, separators.end()));
        partStart = separators.end();
      }
      chain.remove(chain.size() - 1);
    }

    private void readPart(Path file, String part, int firstLine, boolean template,
        StateLayer layer, List<Path> chain) {
      String name = display(root, file);
      String yaml = template ? templates.render(file, part, firstLine, layer.data()) : part;
      for (StateYaml.Mapping document : StateYaml.mappings(yaml, name, template)) {
        Map<String, Object> content = document.content();
        StateKeys.check(content.keySet(), name);
        for (String base : StateKeys.strings(content.get("bases"), name, "bases")) {
          readFile(values.confined(file.getParent().resolve(base).normalize(), name + " bases"),
              layer, chain);
        }
        readDocument(file, content, layer);
      }
    }

    private void readDocument(Path file, Map<String, Object> content, StateLayer layer) {
      String name = display(root, file);
      Path dir = file.getParent();
      MissingFileHandler handler = MissingFileHandler.parse(content.get("missingFileHandler"), name);
      if (handler != null) {
        layer.missingFileHandler = handler;
      }
      layer.defaults = values.layers(StateKeys.list(content.get("values"), name, "values"), dir,
          layer.defaults, loaded -> layer.data(), layer.missingFileHandler, name + " values");
      readEnvironments(content, dir, name, layer);
      layer.helmDefaults = Yaml.merge(layer.helmDefaults,
          StateKeys.map(content.get("helmDefaults"), name, "helmDefaults"));
      StateKeys.map(content.get("commonLabels"), name, "commonLabels")
          .forEach((k, v) -> layer.commonLabels.put(k, String.valueOf(v)));
      layer.templates.putAll(StateKeys.map(content.get("templates"), name, "templates"));
      readRepositories(content, name);
      List<Object> releases = StateKeys.list(content.get("releases"), name, "releases");
      for (int i = 0; i < releases.size(); i++) {
        String where = name + " releases[" + i + "]";
        layer.rawReleases.add(new RawRelease(StateKeys.map(releases.get(i), where, "release"),
            dir, where));
      }
      List<Object> helmfiles = StateKeys.list(content.get("helmfiles"), name, "helmfiles");
      for (int i = 0; i < helmfiles.size(); i++) {
        layer.helmfiles.add(new SubHelmfile(helmfiles.get(i), dir, name + " helmfiles[" + i + "]"));
      }
    }

    private void readEnvironments(Map<String, Object> content, Path dir, String name,
        StateLayer layer) {
      Map<String, Object> environments = StateKeys.map(content.get("environments"), name,
          "environments");
      layer.declaredEnvironments.addAll(environments.keySet());
      if (!environments.containsKey(environment)) {
        return;
      }
      String where = name + " environments." + environment;
      Map<String, Object> spec = StateKeys.map(environments.get(environment), name,
          "environments." + environment);
      StateKeys.checkEnvironment(spec.keySet(), name, "environments." + environment);
      if (!StateKeys.list(spec.get("secrets"), where, "secrets").isEmpty()) {
        throw ReconcileException.stalled(where + ".secrets: encrypted secrets files (helm-secrets, "
            + "sops) are not decrypted by helmsync; keep the secrets in AWS Secrets Manager and "
            + "refer to them with ref+awssecrets:// in values");
      }
      MissingFileHandler handler = MissingFileHandler.parse(spec.get("missingFileHandler"), where);
      // Resolved as each layer loads, so that later layers' templates see the secrets (helmfile
      // evaluates environment values with vals the same way); resolved layers hold no references.
      layer.environmentValues = values.layers(StateKeys.list(spec.get("values"), where, "values"),
              dir, layer.environmentValues, layer::dataWithEnvironmentValues,
              handler != null ? handler : layer.missingFileHandler, where).stream()
          .map(loaded -> secrets.resolveValues(loaded, where + " values"))
          .toList();
    }

    private void readRepositories(Map<String, Object> content, String name) {
      List<Object> entries = StateKeys.list(content.get("repositories"), name, "repositories");
      for (int i = 0; i < entries.size(); i++) {
        String where = name + " repositories[" + i + "]";
        Map<String, Object> f = StateKeys.map(entries.get(i), where, "repository");
        StateKeys.check(f.keySet(), where, "", Set.of("name", "url", "username", "password", "oci",
            "caFile", "certFile", "keyFile", "skipTLSVerify", "passCredentials"),
            Set.of("verify", "keyring", "managed"), Set.of());
        addRepository(where, new Repository(
            StateKeys.string(f.get("name"), where, "name"),
            StateKeys.string(f.get("url"), where, "url"),
            optional(f.get("username"), where, "username"),
            optional(f.get("password"), where, "password"),
            ReleaseReader.bool(f.get("oci"), false, where, "oci"),
            optional(f.get("caFile"), where, "caFile"),
            optional(f.get("certFile"), where, "certFile"),
            optional(f.get("keyFile"), where, "keyFile"),
            ReleaseReader.bool(f.get("skipTLSVerify"), false, where, "skipTLSVerify"),
            ReleaseReader.bool(f.get("passCredentials"), false, where, "passCredentials")));
      }
    }

    /**
     * A repository once, however many state files list it (a shared base usually does); the same
     * name with other settings is an error, since a chart could come from either.
     */
    private void addRepository(String where, Repository repository) {
      for (Repository known : repositories) {
        if (known.name().equals(repository.name())) {
          if (!known.equals(repository)) {
            throw ReconcileException.stalled(where + ": repository '" + repository.name()
                + "' is declared again with other settings; give it another name");
          }
          return;
        }
      }
      repositories.add(repository);
    }

    private static String optional(Object value, String where, String key) {
      return value == null ? null : StateKeys.string(value, where, key);
    }

    /** A release with templates inherited, templated values paths rendered, values loaded. */
    private Release resolve(RawRelease raw, StateLayer layer,
        ReleaseSettings defaults) {
      Map<String, Object> fields = ReleaseTemplates.inherit(raw.fields, layer.templates, raw.source);
      ReleaseReader.Spec spec = ReleaseReader.read(fields, raw.source, defaults);
      Map<String, String> labels = new LinkedHashMap<>(layer.commonLabels);
      labels.putAll(spec.labels());
      Map<String, Object> data = layer.releaseData(spec, labels, options.namespace());
      String where = spec.source();
      boolean installed = spec.installed() && condition(spec.condition(), layer, where);
      MissingFileHandler handler = spec.missingFileHandler() != null ? spec.missingFileHandler()
          : layer.missingFileHandler;
      List<Object> entries = spec.values().stream()
          .map(entry -> entry instanceof String path && path.contains("{{")
              ? templates.render(where + " values", raw.dir, path, 1, data) : entry)
          .toList();
      Map<String, Object> merged = ValuesLoader.fold(values.layers(entries, raw.dir, List.of(),
          loaded -> data, handler, where + " values"));
      merged = SetValues.apply(merged, spec.set(), false, path -> readSetFile(raw.dir, path, where),
          where);
      merged = SetValues.apply(merged, spec.setString(), true,
          path -> readSetFile(raw.dir, path, where), where);
      merged = secrets.resolveValues(merged, where + " values");
      return new Release(spec.name(), spec.namespace(), spec.chart(), spec.version(), merged,
          installed, spec.needs(), labels, spec.settings(), raw.dir, where);
    }

    private String readSetFile(Path dir, String path, String where) {
      Path file = values.confined(dir.resolve(path).normalize(), where + " set");
      return values.read(file, display(root, file));
    }

    /** helmfile's {@code condition: a.enabled}: the release is installed when the value is true. */
    private boolean condition(String condition, StateLayer layer, String where) {
      if (condition == null) {
        return true;
      }
      if (!condition.endsWith(".enabled")) {
        throw ReconcileException.stalled(where + ": condition '" + condition
            + "' must be a values path ending in .enabled, as helmfile requires");
      }
      Object value = layer.effectiveValues();
      for (String key : condition.split("\\.")) {
        value = value instanceof Map<?, ?> map ? map.get(key) : null;
      }
      return Boolean.TRUE.equals(value);
    }

    private void loadSubHelmfile(SubHelmfile sub, StateLayer parent, List<Path> chain, Path file) {
      String path;
      // As in helmfile, a nested state sees only its own environment values and the entry's.
      Map<String, Object> overrides = Map.of();
      List<String> selectors = List.of();
      if (sub.entry instanceof String text) {
        path = text;
      } else {
        Map<String, Object> f = StateKeys.map(sub.entry, sub.source, "helmfiles entry");
        StateKeys.check(f.keySet(), sub.source, "", Set.of("path", "values", "selectors",
            "selectorsInherited"), Set.of(), Set.of());
        path = StateKeys.string(f.get("path"), sub.source, "path");
        overrides = ValuesLoader.fold(values.layers(StateKeys.list(f.get("values"), sub.source,
            "values"), sub.dir, List.of(overrides), loaded -> parent.data(),
            parent.missingFileHandler, sub.source + " values"));
        selectors = StateKeys.strings(f.get("selectors"), sub.source, "selectors");
      }
      if (path.startsWith("git::") || path.contains("://")) {
        throw ReconcileException.stalled(sub.source + ": remote helmfile '" + path + "' is not "
            + "fetched by helmsync; vendor it into the repository");
      }
      Path subFile = values.confined(sub.dir.resolve(path).normalize(), sub.source);
      List<Path> subChain = new ArrayList<>(chain);
      subChain.add(file);
      StateLayer child = state(subFile, overrides, subChain);
      LabelSelector selector = LabelSelector.parse(selectors, sub.source);
      for (Release release : concat(child.subReleases, child.releases)) {
        if (selector.matches(implicitLabels(release))) {
          parent.subReleases.add(release);
        }
      }
    }

    private static List<Release> concat(List<Release> first, List<Release> second) {
      List<Release> all = new ArrayList<>(first);
      all.addAll(second);
      return all;
    }

    private Map<String, String> implicitLabels(Release release) {
      Map<String, String> labels = new LinkedHashMap<>(release.labels());
      labels.put("name", release.name());
      labels.put("namespace", release.namespace());
      labels.put("chart", release.chart());
      return labels;
    }

    private void checkUnique(List<Release> releases) {
      Map<String, Release> seen = new LinkedHashMap<>();
      for (Release release : releases) {
        String namespace = release.namespace().isEmpty() ? options.namespace() : release.namespace();
        Release other = seen.put(namespace + "/" + release.name(), release);
        if (other != null) {
          throw ReconcileException.stalled(release.source() + ": duplicate release " + namespace
              + "/" + release.name() + ", also declared at " + other.source()
              + "; release names must be unique in a namespace");
        }
      }
    }
    /** What one state file and its bases add up to while it is read. */
    private final class StateLayer {
      private final Map<String, Object> overrides;
      List<Map<String, Object>> defaults = List.of();
      List<Map<String, Object>> environmentValues = List.of();
      Map<String, Object> helmDefaults = Map.of();
      final Map<String, String> commonLabels = new LinkedHashMap<>();
      final Map<String, Object> templates = new LinkedHashMap<>();
      final Set<String> declaredEnvironments = new LinkedHashSet<>();
      final List<RawRelease> rawReleases = new ArrayList<>();
      final List<SubHelmfile> helmfiles = new ArrayList<>();
      final List<Release> releases = new ArrayList<>();
      final List<Release> subReleases = new ArrayList<>();
      MissingFileHandler missingFileHandler = MissingFileHandler.ERROR;

      StateLayer(Map<String, Object> overrides) {
        this.overrides = overrides;
      }

      /** Top-level values, then the environment's, then what a parent helmfile passed. */
      Map<String, Object> effectiveValues() {
        return valuesWith(environmentValues);
      }

      private Map<String, Object> valuesWith(List<Map<String, Object>> environmentSoFar) {
        List<Map<String, Object>> all = new ArrayList<>(defaults);
        all.addAll(environmentSoFar);
        all.add(overrides);
        return ValuesLoader.fold(all);
      }

      Map<String, Object> data() {
        return dataFor(effectiveValues());
      }

      Map<String, Object> dataWithEnvironmentValues(List<Map<String, Object>> environmentSoFar) {
        return dataFor(valuesWith(environmentSoFar));
      }

      private Map<String, Object> dataFor(Map<String, Object> values) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("Name", environment);
        env.put("KubeContext", "");
        env.put("Values", values);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Environment", env);
        data.put("Values", values);
        data.put("StateValues", values);
        data.put("Namespace", options.namespace());
        return data;
      }

      Map<String, Object> releaseData(ReleaseReader.Spec spec, Map<String, String> labels,
          String defaultNamespace) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("Name", spec.name());
        release.put("Namespace", spec.namespace().isEmpty() ? defaultNamespace : spec.namespace());
        release.put("Labels", new LinkedHashMap<String, Object>(labels));
        release.put("Chart", spec.chart());
        release.put("ChartVersion", spec.version());
        release.put("KubeContext", "");
        Map<String, Object> data = new LinkedHashMap<>(data());
        data.put("Release", release);
        data.put("Chart", spec.chart());
        return data;
      }
    }
  }

  private static int lines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }

  /** A {@code releases:} entry as parsed, before templates and values. */
  private record RawRelease(Map<String, Object> fields, Path dir, String source) {}

  /** A {@code helmfiles:} entry: a path, or {@code {path, values, selectors}}. */
  private record SubHelmfile(Object entry, Path dir, String source) {}

}
