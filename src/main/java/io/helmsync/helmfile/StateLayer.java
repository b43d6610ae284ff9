package io.helmsync.helmfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one state file and its bases add up to while it is read, and what its templates see: {@code
 * values:} layers, then the environment's, then what a parent helmfile passed.
 */
final class StateLayer {
  private final Map<String, Object> overrides;
  private final String environment;
  private final String namespace;
  List<Map<String, Object>> defaults = List.of();
  List<Map<String, Object>> environmentValues = List.of();
  Map<String, Object> helmDefaults = Map.of();
  final Map<String, String> commonLabels = new LinkedHashMap<>();
  final Map<String, Object> templates = new LinkedHashMap<>();
  final Set<String> declaredEnvironments = new LinkedHashSet<>();
  final List<ReleaseLoader.RawRelease> rawReleases = new ArrayList<>();
  final List<SubHelmfiles.Entry> helmfiles = new ArrayList<>();
  final List<Release> releases = new ArrayList<>();
  final List<Release> subReleases = new ArrayList<>();
  MissingFileHandler missingFileHandler = MissingFileHandler.ERROR;

  /**
   * @param overrides the values a parent's {@code helmfiles:} entry passed, highest precedence
   * @param namespace the agent's namespace, {@code .Namespace} in templates
   */
  StateLayer(Map<String, Object> overrides, String environment, String namespace) {
    this.overrides = overrides;
    this.environment = environment;
    this.namespace = namespace;
  }

  /** Nested helmfiles' releases first, then the state's own, as helmfile orders them. */
  List<Release> allReleases() {
    List<Release> all = new ArrayList<>(subReleases);
    all.addAll(releases);
    return all;
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

  /** The template data of the state's files: {@code .Environment}, {@code .Values} and the like. */
  Map<String, Object> data() {
    return dataFor(effectiveValues());
  }

  /** The template data of an environment values file, given the environment layers before it. */
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
    data.put("Namespace", namespace);
    return data;
  }
}
