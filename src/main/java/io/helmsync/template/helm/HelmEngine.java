package io.helmsync.template.helm;

import io.helmsync.model.SizeBoundedCache;
import io.helmsync.template.Functions;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import io.helmsync.template.sprig.Sprig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders a chart's templates the way Helm's {@code pkg/engine} does: every file parsed into one
 * set (deeper paths first, so a parent chart's defines win), each non-partial file executed with
 * the chart's data plus {@code .Template}, {@code missingkey=zero} with {@code <no value>} removed,
 * and Helm's error messages. Each engine keeps its own cache of parsed charts, so whoever composes
 * it decides how long the cache lives (the agent's renderer keeps one for the process).
 * Thread-safe.
 */
public final class HelmEngine {
  /** The name Helm gives the template set, which {@code tpl} errors show. */
  static final String ROOT_NAME = "gotpl";

  /**
   * The template characters an engine's cache keeps. A parsed set takes about 10 bytes of heap per
   * character, so this is at most about 40 MB; it holds the charts of a large helmfile, or all 65
   * template sets of the 70-chart corpus (1.8 million characters, 19 MB parsed, subcharts
   * included).
   */
  private static final long CACHE_CAPACITY = 4_000_000;

  private final ParsedTemplates parsed;

  /** How to render: strict mode (missing keys are errors) and where {@code lookup} reads. */
  public record Options(boolean strict, LookupPort lookup) {
    public static Options defaults() {
      return new Options(false, LookupPort.OFFLINE);
    }
  }

  /** An engine with an empty cache of parsed charts. */
  public HelmEngine() {
    this.parsed = new ParsedTemplates(CACHE_CAPACITY);
  }

  /** Renders with Helm's defaults: not strict, {@code lookup} finds nothing. */
  public Map<String, String> render(Map<String, String> templates, Map<String, Object> data) {
    return render(templates, data, Options.defaults());
  }

  /**
   * Renders every template whose file name does not start with {@code _}.
   *
   * @param templates template text by path, e.g. {@code mychart/templates/deployment.yaml}
   * @param data the top-level object: {@code Values}, {@code Release}, {@code Chart}, ...
   * @return the output by path, in Helm's parse order
   * @throws TemplateException with Helm's message ({@code parse error at (FILE:LINE): ...}, {@code
   *     execution error at (FILE:LINE:COL): ...} or Go's own)
   */
  public Map<String, String> render(
      Map<String, String> templates, Map<String, Object> data, Options options) {
    return render(templates, path -> data, options);
  }

  /**
   * Renders with a top-level object per template: a chart's subcharts see their own {@code .Values}
   * and {@code .Chart}.
   *
   * @param dataFor the top-level object for a template path
   */
  public Map<String, String> render(
      Map<String, String> templates,
      Function<String, Map<String, Object>> dataFor,
      Options options) {
    MissingKey missingKey = options.strict() ? MissingKey.ERROR : MissingKey.ZERO;
    List<String> order = parseOrder(templates.keySet());
    Template cached =
        parsed.get(order, templates, missingKey, () -> parse(order, templates, missingKey));
    // include's depth counter and lookup belong to this render, so they are bound to a copy.
    Map<String, Integer> included = HelmFunctions.newIncludeCounter();
    Template set = cached.copyWith(self -> HelmFunctions.bound(self, included, options.lookup()));
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
  SizeBoundedCache.Stats cacheStats() {
    return parsed.stats();
  }

  /**
   * Parses every file into one set. The bound functions are only there so the parser knows their
   * names; each render binds its own.
   */
  private static Template parse(
      List<String> order, Map<String, String> templates, MissingKey missingKey) {
    Template set =
        Template.create(
            functions(),
            missingKey,
            self ->
                HelmFunctions.bound(self, HelmFunctions.newIncludeCounter(), LookupPort.OFFLINE));
    for (String path : order) {
      try {
        set.parse(path, templates.get(path));
      } catch (TemplateException e) {
        throw new TemplateException(cleanParseError(path, e), e);
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
      throw new TemplateException(cleanExecError(path, e), e);
    }
  }

  /** Helm's {@code sortTemplates}: more slashes first, then reverse lexical order. */
  static List<String> parseOrder(Iterable<String> paths) {
    List<String> order = new ArrayList<>();
    paths.forEach(order::add);
    order.sort(
        (a, b) -> {
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

  /**
   * Helm's {@code cleanupParseError}: {@code parse error at (FILE:LINE): MESSAGE}, where Helm keeps
   * only the last link of a message chained with ": ".
   */
  static String cleanParseError(String path, TemplateException e) {
    if (e.location().isEmpty()) {
      return "parse error in (" + path + "): " + e.getMessage();
    }
    String detail = e.detail();
    int lastLink = detail.lastIndexOf(": ");
    return "parse error at ("
        + e.location().get()
        + "): "
        + (lastLink < 0 ? detail : detail.substring(lastLink + 2));
  }

  /** Helm's {@code cleanupExecError}: the bare message of {@code required} and {@code fail}. */
  static String cleanExecError(String path, TemplateException e) {
    if (e.location().isEmpty()) {
      return "execution error in (" + path + "): " + e.getMessage();
    }
    String chain = e.context().isEmpty() ? e.detail() : e.context() + ": " + e.detail();
    int start = chain.indexOf(HelmFunctions.ERR_START);
    int end = chain.lastIndexOf(HelmFunctions.ERR_END);
    if (start >= 0 && end > start) {
      String inner = chain.substring(start + HelmFunctions.ERR_START.length(), end);
      return "execution error at (" + e.location().get() + "): " + inner;
    }
    return e.getMessage();
  }
}
