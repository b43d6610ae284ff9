package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.List;
import java.util.Map;

/**
 * helmfile's release selectors ({@code selectors:} of a nested helmfile, {@code --selector}):
 * {@code key=value} and {@code key!=value} terms joined by commas must all hold; of several
 * selectors, any may match. Every release carries the implicit labels {@code name}, {@code
 * namespace} and {@code chart}.
 */
final class LabelSelector {
  private final List<List<String[]>> alternatives;

  private LabelSelector(List<List<String[]>> alternatives) {
    this.alternatives = alternatives;
  }

  static LabelSelector parse(List<String> selectors, String where) {
    return new LabelSelector(selectors.stream().map(s -> terms(s, where)).toList());
  }

  private static List<String[]> terms(String selector, String where) {
    return java.util.Arrays.stream(selector.split(","))
        .map(String::strip)
        .map(
            term -> {
              int not = term.indexOf("!=");
              int eq = term.indexOf('=');
              if (eq <= 0) {
                throw ReconcileException.stalled(
                    where
                        + ": selector '"
                        + selector
                        + "' must be key=value "
                        + "or key!=value terms joined by commas");
              }
              return not > 0
                  ? new String[] {term.substring(0, not), "!=", term.substring(not + 2)}
                  : new String[] {term.substring(0, eq), "=", term.substring(eq + 1)};
            })
        .toList();
  }

  boolean matches(Map<String, String> labels) {
    if (alternatives.isEmpty()) {
      return true;
    }
    return alternatives.stream()
        .anyMatch(
            terms ->
                terms.stream()
                    .allMatch(
                        term -> {
                          boolean equal = term[2].equals(labels.getOrDefault(term[0], ""));
                          return term[1].equals("=") == equal;
                        }));
  }
}
