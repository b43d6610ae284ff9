package io.helmsync.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart's {@code .helmignore}, read as Helm's {@code pkg/ignore} reads it: one Go {@code
 * filepath.Match} pattern a line, {@code #} comments, a trailing {@code /} for directories only, a
 * leading {@code /} anchored at the chart root, patterns without a slash matched against the base
 * name, and Helm's default rule {@code templates/.?*}. Helm's quirk is kept on purpose: a negated
 * rule ({@code !pattern}) ignores every path it does not match, so charts render as with Helm.
 */
public final class HelmIgnore {
  private static final String DEFAULT_RULE = "templates/.?*";

  private record Rule(
      PathPattern pattern, boolean negate, boolean directoryOnly, boolean baseNameOnly) {
    boolean matches(String path) {
      String name = baseNameOnly ? path.substring(path.lastIndexOf('/') + 1) : path;
      return pattern.matches(name);
    }
  }

  private final List<Rule> rules;

  private HelmIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @param text the {@code .helmignore} file, empty when the chart has none
   * @throws IllegalArgumentException naming the line that Helm would refuse
   */
  public static HelmIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.contains("**")) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + ": double-star (**) syntax is not supported in .helmignore");
      }
      rules.add(rule(line, i + 1));
    }
    rules.add(rule(DEFAULT_RULE, 0));
    return new HelmIgnore(rules);
  }

  private static Rule rule(String line, int number) {
    boolean negate = line.startsWith("!");
    String pattern = negate ? line.substring(1) : line;
    boolean directoryOnly = pattern.endsWith("/");
    pattern = directoryOnly ? pattern.substring(0, pattern.length() - 1) : pattern;
    boolean anchored = pattern.startsWith("/");
    pattern = anchored ? pattern.substring(1) : pattern;
    try {
      return new Rule(
          PathPattern.compile(pattern, PathPattern.Dialect.FILEPATH_MATCH),
          negate,
          directoryOnly,
          !anchored && !pattern.contains("/"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param path slash-separated, relative to the chart root
   * @param directory whether the path is a directory (an ignored directory skips its contents)
   */
  public boolean ignores(String path, boolean directory) {
    for (Rule rule : rules) {
      if (rule.negate()) {
        if (rule.directoryOnly() && !directory || !rule.matches(path)) {
          return true;
        }
      } else if ((!rule.directoryOnly() || directory) && rule.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
