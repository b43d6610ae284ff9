package io.helmsync.template;

import io.helmsync.model.SizeBoundedCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a chart's templates the way Helm's {@code pkg/engine} does: every file parsed into one
 * set (deeper paths first, so a parent chart's defines win), each non-partial file executed with
 * the chart's data plus {@code .Template}, {@code missingkey=zero} with {@code <no value>}
 * removed, and Helm's error messages.
 */
public final class HelmEngine {
  /** The name Helm gives the template set, which {@code tpl} errors show. */
  static final String ROOT_NAME = "gotpl";

  /**
   * Parsed charts by content, up to 4 million characters of template text. A parsed set takes
   * about 10 bytes of heap per character, so this is at most about 40 MB; it holds the charts of
   * a large helmfile, or all 65 template sets of the 70-chart corpus (1.8 million characters,
   * 19 MB parsed, subcharts included).
   */
  private static final ParsedTemplates PARSED = new ParsedTemplates(4_000_000);

  /** How to render: strict mode (missing keys are errors) and where {@code lookup} reads. */
  public record Options(boolean strict, LookupPort lookup) {
    public static Options defaults() {
      return new Options(false, LookupPort.OFFLINE);
    }
  }

  private HelmEngine() {}

  /** Renders with Helm's defaults: not strict, {@code lookup} finds nothing. */
  public static Map<String, String> render(Map<String, String> templates, Map<String, Object> data) {
    return render(templates, data, Options.defaults());
  }

  /**
   * Renders every template whose file name does not start with {@code _}.
   *
   * @param templates template text by path, e.g. {@code mychart/templates/deployment.yaml}
   * @param data the top-level object: {@code Values}, {@code Release}, {@code Chart}, ...
   * @return the output by path, in Helm's parse order
   * @throws TemplateException with Helm's message ({@code parse error at (FILE:LINE): ...},
   *     {@code execution error at (FILE:LINE:COL): ...} or Go's own)
   */
  public static Map<String, String> render(Map<String, String> templates, Map<String, Object> data,
      Options options) {
    return render(templates, path -> data, options);
  }

  /**
   * Renders with a top-level object per template: a chart's subcharts see their own
   * {@code .Values} and {@code .Chart}.
   *
   * @param dataFor the top-level object for a template path
   */
  public static Map<String, String> render(Map<String, String> templates,
      Function<String, Map<String, Object>> dataFor, Options options) {
    MissingKey missingKey = options.strict() ? MissingKey.ERROR : MissingKey.ZERO;
    List<String> order = parseOrder(templates.keySet());
    Template parsed = PARSED.get(order, templates, missingKey,
        () -> parse(order, templates, missingKey));
    // include's depth counter and lookup belong to this render, so they are bound to a copy.
    Map<String, Integer> included = HelmFunctions.newIncludeCounter();
    Template set = parsed.copyWith(self -> HelmFunctions.bound(self, included, options.lookup()));
    Map<String, String> rendered = new LinkedHashMap<>();
    for (String path : order) {
      if (baseName(path).startsWith("_")) {
        continue;
      }
      rendered.put(path, execute(set, path, dataFor.apply(path)));
    }
    return rendered;
  }

  /** How often a render found its chart already parsed; see {@link ParsedTemplates}. */
  static SizeBoundedCache.Stats cacheStats() {
    return PARSED.stats();
  }

  /**
   * Parses every file into one set. The bound functions are only there so the parser knows their
   * names; each render binds its own.
   */
  private static Template parse(List<String> order, Map<String, String> templates,
      MissingKey missingKey) {
    Template set = Template.create(functions(), missingKey,
        self -> HelmFunctions.bound(self, HelmFunctions.newIncludeCounter(), LookupPort.OFFLINE));
    for (String path : order) {
      try {
        set.parse(path, templates.get(path));
      } catch (TemplateException e) {
        throw new TemplateException(cleanParseError(path, e.getMessage()), e);
      }
    }
    return set;
  }

  /** Sprig without {@code env} and {@code expandenv}, plus Helm's conversions. */
  static Functions functions() {
    return Sprig.functions().without("env", "expandenv").with(HelmFunctions.conversions());
  }

  private static String execute(Template set, String path, Map<String, Object> data) {
    Map<String, Object> values = new LinkedHashMap<>(data);
    values.put("Template", Map.of("Name", path, "BasePath", basePath(path)));
    try {
      return set.execute(path, values).replace("<no value>", "");
    } catch (TemplateException e) {
      throw new TemplateException(cleanExecError(path, e.getMessage()), e);
    }
  }

  /** Helm's {@code sortTemplates}: more slashes first, then reverse lexical order. */
  static List<String> parseOrder(Iterable<String> paths) {
    List<String> order = new ArrayList<>();
    paths.forEach(order::add);
    order.sort((a, b) -> {
      long ca = a.chars().filter(c -> c == '/').count();
      long cb = b.chars().filter(c -> c == '/').count();
      return ca != cb ? Long.compare(cb, ca) : b.compareTo(a);
    });
    return order;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The chart's templates directory, which Helm gives every file as {@code .Template.BasePath}. */
  private static String basePath(String path) {
    int templates = path.lastIndexOf("/templates/");
    if (templates >= 0) {
      return path.substring(0, templates + "/templates".length());
    }
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** Helm's {@code cleanupParseError}: {@code parse error at (FILE:LINE): MESSAGE}. */
  static String cleanParseError(String path, String message) {
    String[] tokens = message.split(": ");
    if (tokens.length == 1) {
      return "parse error in (" + path + "): " + message;
    }
    return "parse error at (" + tokens[1] + "): " + tokens[tokens.length - 1];
  }

  /** Helm's {@code cleanupExecError}: the bare message of {@code required} and {@code fail}. */
  static String cleanExecError(String path, String message) {
    String[] tokens = message.split(": ", 3);
    if (tokens.length != 3) {
      return "execution error in (" + path + "): " + message;
    }
    int start = tokens[2].indexOf(HelmFunctions.ERR_START);
    int end = tokens[2].lastIndexOf(HelmFunctions.ERR_END);
    if (start >= 0 && end > start) {
      String inner = tokens[2].substring(start + HelmFunctions.ERR_START.length(), end);
      return "execution error at (" + tokens[1] + "): " + inner;
    }
    return message;
  }
}
