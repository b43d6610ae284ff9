package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one {@code releases:} entry (after {@code inherit:}) into a {@link Spec}. */
final class ReleaseReader {
  private ReleaseReader() {}

  /** A release as written, before its values are loaded. */
  record Spec(
      String name,
      String namespace,
      String chart,
      String version,
      List<Object> values,
      List<Object> secrets,
      List<Object> set,
      List<Object> setString,
      List<String> needs,
      boolean installed,
      String condition,
      Map<String, String> labels,
      ReleaseSettings settings,
      MissingFileHandler missingFileHandler,
      String source) {}

  /**
   * @param source the file and position of the entry, e.g. {@code helmfile.yaml releases[2]}
   * @param defaults the state's {@code helmDefaults}
   */
  static Spec read(Map<String, Object> fields, String source, ReleaseSettings defaults) {
    String name = StateKeys.string(fields.get("name"), source, "name");
    String where = source + " (" + name + ")";
    HelmfileKeys.RELEASE.check(fields, where, "");
    return new Spec(
        name,
        optionalString(fields.get("namespace"), where, "namespace"),
        StateKeys.string(fields.get("chart"), where, "chart"),
        optionalString(fields.get("version"), where, "version"),
        StateKeys.list(fields.get("values"), where, "values"),
        StateKeys.list(fields.get("secrets"), where, "secrets"),
        StateKeys.list(fields.get("set"), where, "set"),
        StateKeys.list(fields.get("setString"), where, "setString"),
        StateKeys.strings(fields.get("needs"), where, "needs"),
        bool(fields.get("installed"), true, where, "installed"),
        fields.get("condition") == null
            ? null
            : StateKeys.string(fields.get("condition"), where, "condition"),
        labels(fields.get("labels"), where),
        settings(fields, defaults, where),
        MissingFileHandler.parse(fields.get("missingFileHandler"), where),
        where);
  }

  /** {@code helmDefaults} over Helm's own defaults. */
  static ReleaseSettings defaults(Map<String, Object> helmDefaults, String where) {
    HelmfileKeys.HELM_DEFAULTS.check(helmDefaults, where, "helmDefaults.");
    return settings(helmDefaults, ReleaseSettings.HELM_DEFAULTS, where + " helmDefaults");
  }

  private static ReleaseSettings settings(Map<String, Object> f, ReleaseSettings d, String where) {
    return new ReleaseSettings(
        bool(f.get("wait"), d.waitForResources(), where, "wait"),
        bool(f.get("waitForJobs"), d.waitForJobs(), where, "waitForJobs"),
        f.get("timeout") == null ? d.timeout() : timeout(f.get("timeout"), where),
        bool(f.get("atomic"), d.atomic(), where, "atomic"),
        bool(f.get("createNamespace"), d.createNamespace(), where, "createNamespace"),
        bool(f.get("cleanupOnFail"), d.cleanupOnFail(), where, "cleanupOnFail"),
        bool(f.get("disableValidation"), d.disableValidation(), where, "disableValidation"));
  }

  /** helmfile's timeout is in seconds. */
  private static Duration timeout(Object value, String where) {
    if (value instanceof Long seconds && seconds > 0) {
      return Duration.ofSeconds(seconds);
    }
    throw ReconcileException.stalled(
        where + ": timeout must be a positive number of seconds, " + "found '" + value + "'");
  }

  private static Map<String, String> labels(Object value, String where) {
    Map<String, String> labels = new LinkedHashMap<>();
    StateKeys.map(value, where, "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
    return labels;
  }

  private static String optionalString(Object value, String where, String key) {
    return value == null ? "" : StateKeys.string(value, where, key);
  }

  static boolean bool(Object value, boolean fallback, String where, String key) {
    if (value == null) {
      return fallback;
    }
    return switch (value.toString()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ReconcileException.stalled(
              where + ": " + key + " must be true or false, found '" + value + "'");
    };
  }
}
