package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Which helmfile keys this loader reads, accepts without effect, or refuses, and typed access to
 * parsed YAML with errors that name the file and key. Unknown keys are warnings, as in helmfile;
 * known keys that would change what is deployed but are not read yet are errors, so that nothing
 * is deployed (or pruned) from a state that was only half understood.
 */
final class StateKeys {
  private static final Logger LOG = Logger.getLogger(StateKeys.class);

  private static final Set<String> STATE_READ = Set.of("bases", "values", "environments",
      "releases", "helmfiles", "repositories", "helmDefaults", "commonLabels", "templates",
      "missingFileHandler");
  private static final Set<String> STATE_IGNORED = Set.of("apiVersions", "kubeVersion",
      "lockFilePath", "hooks", "helmBinary", "kustomizeBinary", "helmDefaultsOverride");
  private static final Set<String> STATE_REFUSED = Set.of();

  private static final Set<String> ENVIRONMENT_READ = Set.of("values", "missingFileHandler",
      "secrets");
  private static final Set<String> ENVIRONMENT_IGNORED = Set.of("kubeContext");
  private static final Set<String> ENVIRONMENT_REFUSED = Set.of();

  private StateKeys() {}

  static void check(Set<String> keys, String file) {
    check(keys, file, "", STATE_READ, STATE_IGNORED, STATE_REFUSED);
  }

  static void checkEnvironment(Set<String> keys, String file, String where) {
    check(keys, file, where + ".", ENVIRONMENT_READ, ENVIRONMENT_IGNORED, ENVIRONMENT_REFUSED);
  }

  static void check(
      Set<String> keys,
      String file,
      String prefix,
      Set<String> read,
      Set<String> ignored,
      Set<String> refused) {
    for (String key : keys) {
      if (refused.contains(key)) {
        throw ReconcileException.stalled(
            file + ": key '" + prefix + key + "' is not supported by this version of helmsync;"
                + " remove it or upgrade helmsync");
      } else if (ignored.contains(key)) {
        LOG.warnf("%s: key '%s%s' is accepted but has no effect yet", file, prefix, key);
      } else if (!read.contains(key)) {
        LOG.warnf("%s: unknown key '%s%s' is ignored", file, prefix, key);
      }
    }
  }

  static Map<String, Object> map(Object value, String file, String key) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return Yaml.asStringMap(map);
    }
    throw wrongType(file, key, "a mapping", value);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value, String file, String key) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw wrongType(file, key, "a list", value);
  }

  static List<String> strings(Object value, String file, String key) {
    List<Object> items = list(value, file, key);
    for (Object item : items) {
      if (!(item instanceof String)) {
        throw wrongType(file, key, "a list of strings", value);
      }
    }
    return items.stream().map(String.class::cast).toList();
  }

  static String string(Object value, String file, String key) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      throw wrongType(file, key, "a string", value);
    }
    return value.toString();
  }

  private static ReconcileException wrongType(String file, String key, String want, Object value) {
    String found =
        value == null
            ? "nothing"
            : value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list" : "'" + value + "'";
    return ReconcileException.stalled(file + ": " + key + " must be " + want + ", found " + found);
  }
}
