package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The keys helmfile accepts in one place of a state file (its {@code pkg/state} structs {@code
 * ReleaseSetSpec}, {@code EnvironmentSpec}, {@code ReleaseSpec}, {@code HelmSpec}, {@code
 * RepositorySpec}, {@code SubHelmfileSpec}), each read, accepted without effect on what is applied
 * (logged), or refused with why and the way out. Nothing that changes what is deployed is ignored:
 * a key helmsync does not implement stops the load unless its value asks for nothing ({@code null},
 * {@code false}, empty). Unknown keys stop the load too, as helmfile decodes state files strictly
 * ({@code KnownFields}), since a typo such as {@code valeus:} would otherwise drop values without a
 * word. {@code docs/helmfile-support.md} lists the same table.
 *
 * @param scope where the keys are, as the docs name it ({@code release})
 * @param read the keys the loader reads
 * @param noEffect the keys that do not change the applied objects, such as Helm 2 leftovers
 * @param refused the keys that would change them and are not implemented, with the message's tail:
 *     why, then the way out
 */
record HelmfileKeys(
    String scope, Set<String> read, Set<String> noEffect, Map<String, String> refused) {
  private static final Logger LOG = Logger.getLogger(HelmfileKeys.class);
  private static final int MAX_TYPO_DISTANCE = 2;

  private static final String RUNS_PROGRAMS =
      "runs programs, and an agent runs no commands "
          + "from Git: render the change into the chart or values instead";
  private static final String CHARTIFY =
      ", which helmsync does not apply yet: render the "
          + "change into the chart or its values instead";
  private static final String DEVEL =
      "lets a version range pick pre-release charts, which "
          + "helmsync does not: pin the exact version in version:";
  private static final String REUSE_VALUES =
      "merges the values of the release already "
          + "installed, and helmsync renders every release from the repository alone: put the "
          + "values in the repository and remove reuseValues";
  private static final String ENABLE_DNS =
      "lets chart templates look up DNS names, which "
          + "helmsync never does (getHostByName gives \"\" as in Helm without --enable-dns): put the "
          + "address in values";
  private static final String HELM_ARGS =
      "passes command-line arguments to helm, which "
          + "helmsync does not run: express them as release keys (set:, values:, wait:) instead";

  private static final Set<String> HELM2 =
      Set.of("tillerNamespace", "tillerless", "tls", "tlsCACert", "tlsCert", "tlsKey");
  private static final Set<String> NOT_APPLIED =
      Set.of(
          "kubeContext",
          "verify",
          "keyring",
          "historyMax",
          "force",
          "recreatePods",
          "skipDeps",
          "skipRefresh",
          "skipSchemaValidation",
          "waitRetries",
          "cascade",
          "deleteWait",
          "deleteTimeout",
          "suppressOutputLineRegex",
          "insecureSkipTLSVerify",
          "plainHttp");

  static final HelmfileKeys STATE =
      new HelmfileKeys(
          "state",
          Set.of(
              "bases",
              "values",
              "environments",
              "releases",
              "helmfiles",
              "repositories",
              "helmDefaults",
              "commonLabels",
              "templates",
              "missingFileHandler"),
          Set.of(
              "helmBinary",
              "kustomizeBinary",
              "kubeContext",
              "context",
              "apiVersions",
              "kubeVersion",
              "missingFileHandlerConfig"),
          Map.of(
              "namespace",
                  "sets the namespace of every release of this file (helmfile's "
                      + "OverrideNamespace), which helmsync does not apply yet: put namespace: on each "
                      + "release, or in a template the releases inherit",
              "chart",
                  "replaces the chart of every release of this file (helmfile's "
                      + "OverrideChart), which helmsync does not apply yet: put chart: on each release",
              "charts",
                  "is helmfile's deprecated form of releases, which helmsync does not read: "
                      + "rename it to releases:",
              "hooks", RUNS_PROGRAMS,
              "lockFilePath",
                  "pins chart versions from a lock file, which helmsync does not read "
                      + "yet: write the locked versions into the releases' version: and remove "
                      + "lockFilePath"));

  static final HelmfileKeys ENVIRONMENT =
      new HelmfileKeys(
          "environment",
          Set.of("values", "missingFileHandler", "secrets"),
          Set.of("kubeContext", "missingFileHandlerConfig"),
          Map.of());

  static final HelmfileKeys RELEASE =
      new HelmfileKeys(
          "release",
          Set.of(
              "name",
              "namespace",
              "chart",
              "version",
              "values",
              "set",
              "setString",
              "needs",
              "installed",
              "condition",
              "labels",
              "atomic",
              "wait",
              "waitForJobs",
              "timeout",
              "createNamespace",
              "cleanupOnFail",
              "disableValidation",
              "disableOpenAPIValidation",
              "missingFileHandler",
              "inherit",
              "secrets"),
          union(
              HELM2,
              NOT_APPLIED,
              Set.of(
                  "verifyTemplate",
                  "apiVersions",
                  "kubeVersion",
                  "suppressDiff",
                  "disableValidationOnInstall",
                  "adopt")),
          Map.ofEntries(
              Map.entry("hooks", RUNS_PROGRAMS),
              Map.entry("postRenderer", RUNS_PROGRAMS),
              Map.entry("postRendererArgs", RUNS_PROGRAMS),
              Map.entry("dependencies", "adds charts to the release's chart" + CHARTIFY),
              Map.entry("jsonPatches", "patches the rendered objects" + CHARTIFY),
              Map.entry("strategicMergePatches", "patches the rendered objects" + CHARTIFY),
              Map.entry(
                  "transformers", "runs kustomize transformers on the rendered objects" + CHARTIFY),
              Map.entry("forceNamespace", "sets the namespace of every rendered object" + CHARTIFY),
              Map.entry(
                  "forceGoGetter",
                  "makes chart: a go-getter URL, which helmsync does not "
                      + "fetch: vendor the chart into the repository and point chart: at its folder"),
              Map.entry(
                  "directory",
                  "is helmfile's other name for chart:, which helmsync does not "
                      + "read: rename it to chart: (a folder of plain manifests must be made a chart)"),
              Map.entry(
                  "chartPath",
                  "is set by helmfile itself for a chart it has modified: remove " + "it"),
              Map.entry("valuesTemplate", templated("values")),
              Map.entry("setTemplate", templated("set")),
              Map.entry("installedTemplate", templated("installed")),
              Map.entry("waitTemplate", templated("wait")),
              Map.entry(
                  "env",
                  "sets values from the variables of helmfile's process, which helmsync "
                      + "does not read this way: use set: with {{ env \"NAME\" }} instead"),
              Map.entry(
                  "valuesPathPrefix",
                  "prefixes the paths of values files, which helmsync does "
                      + "not apply yet: write the full paths in values:"),
              Map.entry("devel", DEVEL),
              Map.entry("reuseValues", REUSE_VALUES),
              Map.entry("enableDNS", ENABLE_DNS)));

  static final HelmfileKeys HELM_DEFAULTS =
      new HelmfileKeys(
          "helmDefaults",
          Set.of(
              "wait",
              "waitForJobs",
              "timeout",
              "atomic",
              "createNamespace",
              "cleanupOnFail",
              "disableValidation",
              "disableOpenAPIValidation"),
          union(HELM2, NOT_APPLIED, Set.of("diffArgs")),
          Map.of(
              "args", HELM_ARGS,
              "syncArgs", HELM_ARGS,
              "postRenderer", RUNS_PROGRAMS,
              "postRendererArgs", RUNS_PROGRAMS,
              "devel", DEVEL,
              "reuseValues", REUSE_VALUES,
              "enableDNS", ENABLE_DNS));

  static final HelmfileKeys REPOSITORY =
      new HelmfileKeys(
          "repository",
          Set.of(
              "name",
              "url",
              "username",
              "password",
              "oci",
              "caFile",
              "certFile",
              "keyFile",
              "skipTLSVerify",
              "passCredentials"),
          Set.of("verify", "keyring", "managed", "registryConfig", "plainHttp"),
          Map.of());

  static final HelmfileKeys HELMFILE_ENTRY =
      new HelmfileKeys(
          "helmfiles entry",
          Set.of("path", "values", "selectors"),
          Set.of("selectorsInherited"),
          Map.of());

  /** Every place of a state file, in the order the docs list them. */
  static final List<HelmfileKeys> ALL =
      List.of(STATE, ENVIRONMENT, RELEASE, HELM_DEFAULTS, REPOSITORY, HELMFILE_ENTRY);

  HelmfileKeys {
    read = Set.copyOf(read);
    noEffect = Set.copyOf(noEffect);
    refused = Map.copyOf(refused);
  }

  /** Every key helmfile accepts here. */
  Set<String> known() {
    return union(read, noEffect, refused.keySet());
  }

  /**
   * Refuses an unknown key or a refused one that asks for something, and logs the keys that have no
   * effect.
   *
   * @param where the file and position, e.g. {@code helmfile.yaml releases[2] (api)}
   * @param prefix what goes before a key in messages, e.g. {@code helmDefaults.}
   */
  void check(Map<String, Object> fields, String where, String prefix) {
    fields.forEach(
        (key, value) -> {
          if (read.contains(key)) {
            return;
          }
          if (noEffect.contains(key)) {
            LOG.warnf(
                "%s: key '%s%s' is accepted and has no effect on what is applied",
                where, prefix, key);
          } else if (refused.containsKey(key)) {
            if (!asksForNothing(value)) {
              throw ReconcileException.stalled(
                  where + ": key '" + prefix + key + "' " + refused.get(key));
            }
          } else {
            throw ReconcileException.stalled(
                where
                    + ": unknown key '"
                    + prefix
                    + key
                    + "'"
                    + suggestion(key, prefix)
                    + "; helmfile refuses unknown keys too: fix or remove it");
          }
        });
  }

  private String suggestion(String key, String prefix) {
    String best = null;
    int bestDistance = MAX_TYPO_DISTANCE + 1;
    for (String candidate : new TreeSet<>(known())) {
      int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean '" + prefix + best + "'?)";
  }

  /** Levenshtein distance: the fewest one-character edits from {@code a} to {@code b}. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** {@code null}, {@code false} or empty: a refused key with such a value changes nothing. */
  private static boolean asksForNothing(Object value) {
    return value == null
        || Boolean.FALSE.equals(value)
        || value instanceof String text && text.isEmpty()
        || value instanceof Collection<?> items && items.isEmpty()
        || value instanceof Map<?, ?> map && map.isEmpty();
  }

  /** The message tail of a {@code *Template} key, whose plain form is {@code plain}. */
  private static String templated(String plain) {
    return "is rendered in helmfile's second pass (with .Release), which helmsync does not run "
        + "yet: write "
        + plain
        + ": instead (the state file itself is a template)";
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return all;
  }
}
