package io.helmsync.template.conformance;

import io.helmsync.template.TemplateException;
import io.helmsync.template.helm.HelmEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a case with helmsync's engine, given the same files and the same top-level data that
 * {@link HelmOracle}'s {@code helm template} run gives Helm's engine.
 */
final class HelmsyncRenderer {
  private final HelmEngine engine = new HelmEngine();

  Rendered render(ConformanceCase c) {
    try {
      Map<String, String> out = engine.render(CaseChart.templates(c), data(c));
      return Rendered.ofOutput(CaseChart.unwrap(out.get(CaseChart.OUTPUT_PATH)));
    } catch (TemplateException e) {
      return Rendered.ofError(e.getMessage().strip());
    }
  }

  /** The fields of Helm's top-level object that the cases use, as helm template sets them. */
  static Map<String, Object> data(ConformanceCase c) {
    Map<String, Object> release = new LinkedHashMap<>();
    release.put("Name", HelmOracle.RELEASE_NAME);
    release.put("Namespace", HelmOracle.NAMESPACE);
    release.put("IsInstall", true);
    release.put("IsUpgrade", false);
    release.put("Revision", 1L);
    release.put("Service", "Helm");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("Values", goValue(c.values()));
    data.put("Release", release);
    data.put("Chart", Map.of("Name", CaseChart.CHART_NAME, "Version", "0.1.0", "APIVersion", "v2"));
    return data;
  }

  /**
   * Helm reads values.yaml through JSON, so every number is a float64: the same conversion here
   * keeps {@code 1000000} printing as {@code 1e+06} on both sides.
   */
  static Object goValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), goValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(goValue(v)));
      return copy;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return value;
  }
}
