package io.helmsync.template.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One differential case: a template, the chart values it sees and optional {@code _helpers.tpl}
 * text. The family is the file the case came from, so a failure names where to look.
 *
 * @param family the case file's base name, e.g. {@code actions}
 * @param name unique within the family
 * @param template the text that becomes {@code case/templates/_case.tpl}
 * @param values the chart's values as read from the case file (never null)
 * @param helpers the text of {@code case/templates/_helpers.tpl}, or null for none
 * @param deviation why helmsync knowingly renders this case differently from Helm, or null
 */
public record ConformanceCase(
    String family,
    String name,
    String template,
    Map<String, Object> values,
    String helpers,
    String deviation) {
  public ConformanceCase {
    values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @Override
  public String toString() {
    return family + "/" + name;
  }
}
