package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Turns one parsed {@code releases:} entry into a {@link Release}. */
final class ReleaseReader {
  private static final Set<String> READ =
      Set.of("name", "namespace", "chart", "version", "values", "installed", "needs");
  private static final Set<String> IGNORED =
      Set.of(
          "labels", "wait", "waitForJobs", "timeout", "atomic", "createNamespace",
          "disableValidation", "disableOpenAPIValidation", "missingFileHandler", "verify",
          "cleanupOnFail", "historyMax", "kubeContext", "force", "recreatePods", "set",
          "setString", "skipDeps");
  private static final Set<String> REFUSED = Set.of("condition", "secrets", "hooks", "inherit");

  private ReleaseReader() {}

  /**
   * @param source the file and position of the entry, e.g. {@code helmfile.yaml releases[2]}
   */
  static Release read(Map<String, Object> fields, Path baseDir, String source) {
    StateKeys.check(fields.keySet(), source, "", READ, IGNORED, REFUSED);
    String name = StateKeys.string(fields.get("name"), source, "name");
    String where = source + " (" + name + ")";
    return new Release(
        name,
        optionalString(fields.get("namespace"), where, "namespace"),
        StateKeys.string(fields.get("chart"), where, "chart"),
        optionalString(fields.get("version"), where, "version"),
        StateKeys.list(fields.get("values"), where, "values"),
        installed(fields.get("installed"), where),
        StateKeys.strings(fields.get("needs"), where, "needs"),
        baseDir,
        where);
  }

  private static String optionalString(Object value, String where, String key) {
    return value == null ? "" : StateKeys.string(value, where, key);
  }

  private static boolean installed(Object value, String where) {
    if (value == null) {
      return true;
    }
    return switch (value.toString()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ReconcileException.stalled(
          where + ": installed must be true or false, found '" + value + "'");
    };
  }
}
