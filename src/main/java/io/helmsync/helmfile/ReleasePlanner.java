package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the installed releases of a state by {@code needs}, as {@code helmfile apply} does. A
 * cycle, or a need on a release that is missing or not installed, stops the plan with a message
 * naming the releases involved.
 */
public final class ReleasePlanner {
  private final ReleaseNamespaces namespaces;

  /**
   * @param defaultNamespace the namespace of releases that do not name one (the agent's own)
   */
  public ReleasePlanner(String defaultNamespace) {
    this.namespaces = new ReleaseNamespaces(defaultNamespace);
  }

  public Plan plan(HelmfileState state) {
    Map<String, Release> installed = new LinkedHashMap<>();
    Map<String, Release> all = new LinkedHashMap<>();
    for (Release release : state.releases()) {
      all.put(key(namespaceOf(release), release.name()), release);
      if (release.installed()) {
        installed.put(key(namespaceOf(release), release.name()), release);
      }
    }
    Map<String, List<String>> needs = new LinkedHashMap<>();
    installed.forEach((key, release) -> needs.put(key, resolveNeeds(release, installed, all)));
    List<PlannedRelease> ordered = new ArrayList<>();
    for (String key : topologicalOrder(needs)) {
      Release release = installed.get(key);
      ordered.add(
          new PlannedRelease(
              release.name(),
              namespaceOf(release),
              release.chart(),
              release.version(),
              release.baseDir(),
              release.values(),
              needs.get(key).stream().map(ReleasePlanner::nameOf).toList(),
              release.labels(),
              release.settings(),
              release.source(),
              state.repositories()));
    }
    return new Plan(ordered);
  }

  private String namespaceOf(Release release) {
    return namespaces.of(release.namespace());
  }

  private List<String> resolveNeeds(
      Release release, Map<String, Release> installed, Map<String, Release> all) {
    List<String> resolved = new ArrayList<>();
    for (String need : release.needs()) {
      String[] parts = need.split("/");
      String name = parts[parts.length - 1];
      String namespace = parts.length >= 2 ? parts[parts.length - 2] : namespaceOf(release);
      String key = key(namespace, name);
      if (!all.containsKey(key)) {
        throw ReconcileException.stalled(
            release.source()
                + ": needs '"
                + need
                + "', but no release "
                + namespace
                + "/"
                + name
                + " is declared");
      }
      if (!installed.containsKey(key)) {
        throw ReconcileException.stalled(
            release.source() + ": needs '" + need + "', but that release has installed: false");
      }
      resolved.add(key);
    }
    return resolved;
  }

  /** Depth-first order that keeps declaration order among independent releases. */
  private static List<String> topologicalOrder(Map<String, List<String>> needs) {
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    for (String key : needs.keySet()) {
      visit(key, needs, done, new LinkedHashSet<>(), order);
    }
    return order;
  }

  private static void visit(
      String key,
      Map<String, List<String>> needs,
      Set<String> done,
      LinkedHashSet<String> path,
      List<String> order) {
    if (done.contains(key)) {
      return;
    }
    if (!path.add(key)) {
      throw ReconcileException.stalled("releases need each other in a cycle: " + cycle(path, key));
    }
    for (String need : needs.get(key)) {
      visit(need, needs, done, path, order);
    }
    path.remove(key);
    done.add(key);
    order.add(key);
  }

  private static String cycle(LinkedHashSet<String> path, String repeated) {
    List<String> names = new ArrayList<>();
    boolean inCycle = false;
    for (String key : path) {
      inCycle |= key.equals(repeated);
      if (inCycle) {
        names.add(nameOf(key));
      }
    }
    names.add(nameOf(repeated));
    return String.join(" -> ", names);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String nameOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}
