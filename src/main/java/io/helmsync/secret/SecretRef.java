package io.helmsync.secret;

import io.helmsync.model.ReconcileException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vals reference, such as {@code
 * ref+awssecrets://orchestrate/demo?region=eu-west-1#/db/password} or {@code
 * ref+k8s://v1/Secret/demo/registry/password}. A reference names where a secret is, never what it
 * holds, so it may appear in messages.
 *
 * @param text the reference as written, without a closing {@code +}
 * @param backend which store holds the secret
 * @param path the secret's name in that store
 * @param parameters the query parameters, such as {@code region}
 * @param fragment the path of segments after {@code #} that picks one key of a JSON secret, or
 *     empty for the whole secret
 */
public record SecretRef(
    String text, Backend backend, String path, Map<String, String> parameters, String fragment) {

  /**
   * vals' {@code DefaultRefRegexp}: a reference runs to a {@code +}, a newline or the end of the
   * string, so that {@code ref+awssecrets://db#/user+@host} embeds one inside a longer string.
   */
  static final Pattern PATTERN = Pattern.compile("(?:secret)?ref\\+([^+:]*)://([^+\\n]+)\\+?");

  /** The stores helmsync reads, by their vals scheme. */
  public enum Backend {
    AWS_SECRETS("awssecrets", Set.of("region", "version_stage", "version_id", "role_arn")),
    AWS_SSM("awsssm", Set.of("region", "role_arn", "mode")),
    KUBERNETES("k8s", Set.of());

    private final String scheme;
    private final Set<String> parameters;

    Backend(String scheme, Set<String> parameters) {
      this.scheme = scheme;
      this.parameters = parameters;
    }

    public String scheme() {
      return scheme;
    }
  }

  public SecretRef {
    parameters = Map.copyOf(parameters);
  }

  /**
   * @throws ReconcileException (stalled) for an unknown backend or parameter, naming it
   */
  public static SecretRef parse(String text) {
    Matcher matcher = PATTERN.matcher(text);
    if (!matcher.matches()) {
      throw ReconcileException.stalled(
          "'"
              + text
              + "' is not a secret reference; write "
              + "ref+awssecrets://NAME[#/key] or ref+k8s://v1/Secret/NAMESPACE/NAME/KEY");
    }
    return of(matcher);
  }

  /** The reference a {@link #PATTERN} match found. */
  static SecretRef of(Matcher match) {
    String text =
        match.group().endsWith("+")
            ? match.group().substring(0, match.group().length() - 1)
            : match.group();
    Backend backend = backend(match.group(1), text);
    String rest = match.group(2);
    int hash = rest.indexOf('#');
    String fragment = hash < 0 ? "" : rest.substring(hash + 1);
    String location = hash < 0 ? rest : rest.substring(0, hash);
    int question = location.indexOf('?');
    String path = question < 0 ? location : location.substring(0, question);
    Map<String, String> parameters =
        question < 0 ? Map.of() : parameters(location.substring(question + 1), backend, text);
    if (path.isEmpty()) {
      throw ReconcileException.stalled(text + ": the reference names no secret");
    }
    return new SecretRef(text, backend, path, parameters, fragment);
  }

  private static Backend backend(String scheme, String text) {
    return Arrays.stream(Backend.values())
        .filter(b -> b.scheme.equals(scheme))
        .findFirst()
        .orElseThrow(
            () ->
                ReconcileException.stalled(
                    text
                        + ": unknown secret backend '"
                        + scheme
                        + "'; helmsync reads ref+awssecrets:// (AWS Secrets Manager), "
                        + "ref+awsssm:// (SSM Parameter Store) and ref+k8s:// (Kubernetes Secrets)"));
  }

  private static Map<String, String> parameters(String query, Backend backend, String text) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      if (!backend.parameters.contains(name)) {
        throw ReconcileException.stalled(
            text
                + ": unknown parameter '"
                + name
                + "' for "
                + backend.scheme
                + "; allowed: "
                + backend.parameters);
      }
      parameters.put(name, equals < 0 ? "" : pair.substring(equals + 1));
    }
    return parameters;
  }

  /**
   * The secret as a whole, without the fragment: what is fetched, cached and compared. A path's
   * parameters ({@link #readsPath()}) are another whole than the parameter of the same name, so
   * their location keeps {@code #/}.
   */
  public String location() {
    int hash = text.indexOf('#');
    String whole = hash < 0 ? text : text.substring(0, hash);
    return readsPath() ? whole + "#/" : whole;
  }

  /**
   * Whether this is vals' {@code ref+awsssm://PREFIX#/PATH/TO/PARAM}: a parameter below a prefix,
   * from all of them ({@code GetParametersByPath}), unless {@code ?mode=singleparam} picks from one
   * parameter's value.
   */
  boolean readsPath() {
    return backend == Backend.AWS_SSM && parameter("mode") == null && !fragment.isEmpty();
  }

  public String parameter(String name) {
    return parameters.get(name);
  }
}
