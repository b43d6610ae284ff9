package io.helmsync.template.helmfile;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.GoYaml;
import io.helmsync.template.sprig.Sprig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The functions helmfile gives its templates ({@code pkg/tmpl/context_funcs.go}): Sprig, then
 * helmfile's own on top, built for one render because they read that render's environment, files
 * and secrets through injected ports and never the agent's own process environment or file system.
 * An instance serves one render at a time: it counts the {@code tpl} calls in progress.
 */
public final class HelmfileFunctions {
  /** The name helmfile gives the template {@code tpl} renders, which its errors show. */
  static final String TPL_NAME = "stringTemplate";

  /**
   * How deep {@code tpl} may call itself. helmfile has no limit (Go dies of stack exhaustion); real
   * files nest two or three levels, and a short chain keeps the error readable.
   */
  static final int MAX_TPL_DEPTH = 32;

  /**
   * What an operator may allow beyond helmfile's safe functions.
   *
   * @param allowedCommands commands {@code exec} and {@code envExec} may run, exactly as templates
   *     name them ({@code git}, {@code ./scripts/version.sh}); empty by default because a Git push
   *     must not run commands in the cluster
   * @param commandTimeout how long an allowed command may run before it is killed
   * @param envAllow the variables {@code env} and {@code requiredEnv} may read besides the env
   *     Secret's keys ({@code HELMSYNC_ENV_ALLOW}); never the agent's own ({@link
   *     TemplateEnvironment})
   */
  public record Options(
      Set<String> allowedCommands, Duration commandTimeout, EnvAllowlist envAllow) {
    public Options {
      allowedCommands = Set.copyOf(allowedCommands);
      Objects.requireNonNull(envAllow, "envAllow");
      if (commandTimeout.isNegative() || commandTimeout.isZero()) {
        throw new IllegalArgumentException("commandTimeout must be positive: " + commandTimeout);
      }
    }

    /** No commands allowed; 30 s for any that later are; every variable but the agent's own. */
    public static Options defaults() {
      return new Options(Set.of(), Duration.ofSeconds(30), EnvAllowlist.ALL);
    }

    public Options withAllowedCommands(Set<String> commands) {
      return new Options(commands, commandTimeout, envAllow);
    }

    public Options withCommandTimeout(Duration timeout) {
      return new Options(allowedCommands, timeout, envAllow);
    }

    public Options withEnvAllow(EnvAllowlist allowlist) {
      return new Options(allowedCommands, commandTimeout, allowlist);
    }
  }

  private final TemplateEnvironment env;
  private final Functions functions;

  /** Nested tpl calls in progress: an instance serves one render, on one thread. */
  private int tplDepth;

  /**
   * @param root the repository checkout; file functions refuse anything outside it
   * @param dir the directory of the file being rendered, which relative paths start from
   * @param env what {@code env}, {@code requiredEnv} and allowed commands see of the agent's
   *     environment
   * @param secrets where secret references are fetched; {@link SecretPort#NOT_CONFIGURED} if none
   * @param options commands an operator allows
   */
  public HelmfileFunctions(
      Path root, Path dir, TemplateEnvironment env, SecretPort secrets, Options options) {
    this.env = env;
    RepositoryFiles files = new RepositoryFiles(root, dir);
    this.functions =
        Sprig.functions()
            .with(ValuePaths.functions())
            .with(files.functions())
            .with(
                new CommandRunner(
                        options.allowedCommands(), options.commandTimeout(), env.readable(), files)
                    .functions())
            .with(new SecretRefs(secrets).functions())
            .with(own());
  }

  /** Sprig plus helmfile's functions, for {@link Template#create(Functions, MissingKey)}. */
  public Functions functions() {
    return functions;
  }

  private Functions own() {
    return Functions.builder()
        .add("env", GoFunction.of(a -> env((String) a[0]), STRING))
        .add("requiredEnv", GoFunction.of(a -> requiredEnv((String) a[0]), STRING))
        .add("required", GoFunction.of(a -> required((String) a[0], a[1]), STRING, ANY))
        .add("tpl", GoFunction.of(a -> tpl((String) a[0], a[1]), STRING, ANY))
        .add("toYaml", GoFunction.of(a -> toYaml(a[0]), ANY))
        .add("fromYaml", GoFunction.of(a -> fromYaml((String) a[0]), STRING))
        .build();
  }

  /** helmfile's {@code env}: the empty string for an unset variable, as {@code os.Getenv}. */
  private String env(String name) {
    String value = env.read(name);
    return value == null ? "" : value;
  }

  private String requiredEnv(String name) {
    String value = env.read(name);
    if (value == null || value.isEmpty()) {
      throw new GoError("required env var `" + name + "` is not set");
    }
    return value;
  }

  /** helmfile's {@code required}: only nil and the empty string fail, with the bare message. */
  private static Object required(String warning, Object value) {
    if (value == null || "".equals(value)) {
      throw new GoError(warning);
    }
    return value;
  }

  /**
   * helmfile's {@code tpl}: a new template of the text alone (no access to the caller's defines)
   * with the same functions and {@code missingkey=error}, its errors passed on unchanged.
   */
  private String tpl(String text, Object data) {
    if (tplDepth >= MAX_TPL_DEPTH) {
      throw new GoError(
          "tpl nested more than "
              + MAX_TPL_DEPTH
              + " deep: the text renders tpl "
              + "again without end");
    }
    tplDepth++;
    try {
      return Template.create(functions, MissingKey.ERROR)
          .parse(TPL_NAME, text)
          .execute(TPL_NAME, data);
    } catch (TemplateException e) {
      throw new GoError(e.getMessage(), e);
    } finally {
      tplDepth--;
    }
  }

  /**
   * helmfile's {@code toYaml}: ghodss/yaml, through JSON as Helm's is (so {@code 1000000} read by
   * {@code fromYaml} prints back as an integer), but without Helm's trimming: the document keeps
   * its final newline.
   */
  private static String toYaml(Object value) {
    return GoYaml.marshalViaJson(value);
  }

  /**
   * helmfile's {@code fromYaml} (ghodss/yaml: numbers become float64, the document must be a
   * mapping), failing with the offending text as helmfile does.
   */
  private static Map<String, Object> fromYaml(String text) {
    Object value;
    try {
      value = GoYaml.unmarshal(text);
    } catch (IllegalArgumentException e) {
      throw new GoError(e.getMessage() + ", offending yaml: " + text, e);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> decoded) {
      decoded.forEach((k, v) -> map.put(String.valueOf(k), v));
    } else if (value != null) {
      throw new GoError(
          "error unmarshaling JSON: json: cannot unmarshal "
              + jsonKind(value)
              + " into Go value of type map[string]interface {}, offending yaml: "
              + text);
    }
    return map;
  }

  private static String jsonKind(Object value) {
    return switch (GoValues.kindOf(value)) {
      case SLICE -> "array";
      case STRING -> "string";
      case BOOL -> "bool";
      default -> "number";
    };
  }
}
