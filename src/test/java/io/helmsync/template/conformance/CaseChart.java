package io.helmsync.template.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one wrapping rule both engines render a case through. Helm only accepts rendered files that
 * parse as YAML and it trims every document, so a case's raw output (leading newlines, trailing
 * spaces, a bare scalar, nothing at all) cannot be a chart file of its own. Instead the case text
 * is the partial {@code case/templates/_case.tpl}, unchanged, so its line and column numbers and
 * its top-level {@code define}s stay exactly as written, and {@code case/templates/t.yaml} prints
 * {@code result: } followed by the partial's output through {@code include} and {@code b64enc},
 * which survives YAML and trimming byte for byte.
 */
final class CaseChart {
  static final String CHART_NAME = "case";
  static final String CASE_PATH = "case/templates/_case.tpl";
  static final String HELPERS_PATH = "case/templates/_helpers.tpl";
  static final String OUTPUT_PATH = "case/templates/t.yaml";
  static final String OUTPUT_TEMPLATE = "result: {{ include \"" + CASE_PATH + "\" . | b64enc }}\n";

  private static final String RESULT_KEY = "result:";

  private CaseChart() {}

  /** The chart's template files by their path inside the chart's parent directory. */
  static Map<String, String> templates(ConformanceCase c) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(CASE_PATH, c.template());
    if (c.helpers() != null) {
      files.put(HELPERS_PATH, c.helpers());
    }
    files.put(OUTPUT_PATH, OUTPUT_TEMPLATE);
    return files;
  }

  /** Recovers the case's output from the rendered {@code t.yaml}, framing and all. */
  static String unwrap(String rendered) {
    for (String line : rendered.split("\n")) {
      if (line.startsWith(RESULT_KEY)) {
        byte[] bytes = Base64.getDecoder().decode(line.substring(RESULT_KEY.length()).trim());
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("no '" + RESULT_KEY + "' line in rendered output: " + rendered);
  }
}
