package io.helmsync.template.helmfile;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The environment variables an operator lets templates read ({@code HELMSYNC_ENV_ALLOW}): exact
 * names, or prefixes ending in {@code *} ({@code APP_*}); {@code *} alone allows every name. It
 * never opens the agent's own configuration or credentials ({@link TemplateEnvironment}).
 *
 * @param entries the names and prefixes, as listed
 */
public record EnvAllowlist(List<String> entries) {
  private static final Pattern ENTRY = Pattern.compile("\\*|[A-Za-z_][A-Za-z0-9_]*\\*?");

  /** Every name: the default, so that helmfile's {@code requiredEnv "IMAGE_TAG"} keeps working. */
  public static final EnvAllowlist ALL = new EnvAllowlist(List.of("*"));

  public EnvAllowlist {
    entries = List.copyOf(entries);
    for (String entry : entries) {
      if (!ENTRY.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            TemplateEnvironment.ALLOW_SETTING
                + ": '"
                + entry
                + "' is neither a variable name nor a prefix ending in *; list names such as "
                + "IMAGE_TAG or prefixes such as APP_*, separated by commas");
      }
    }
  }

  /** The list as configured, blank entries and surrounding spaces dropped. */
  public static EnvAllowlist parse(Collection<String> entries) {
    return new EnvAllowlist(entries.stream().map(String::strip).filter(e -> !e.isEmpty()).toList());
  }

  /** Whether an entry names this variable or a prefix of it (names are case-sensitive). */
  public boolean allows(String name) {
    return entries.stream()
        .anyMatch(
            entry ->
                entry.endsWith("*")
                    ? name.startsWith(entry.substring(0, entry.length() - 1))
                    : name.equals(entry));
  }

  @Override
  public String toString() {
    return String.join(",", entries);
  }
}
