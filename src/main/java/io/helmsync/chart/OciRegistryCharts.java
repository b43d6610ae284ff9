package io.helmsync.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helmsync.chart.ChartHttp.Request;
import io.helmsync.chart.ChartHttp.Response;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.SemanticVersion;
import io.helmsync.model.VersionConstraint;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Charts from OCI registries through the distribution API, as {@code helm pull oci://} fetches
 * them: the manifest of the version's tag, then its Helm chart layer. A registry that answers 401
 * names a token service in {@code WWW-Authenticate}; the token is asked for anonymously or with the
 * repository's credentials and used for the rest of the fetch.
 */
final class OciRegistryCharts {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final ChartHttp http;
  private final ChartCache cache;
  private final boolean plainHttp;

  /**
   * @param plainHttp talk {@code http://} to registries (Helm's {@code --plain-http}), for local
   *     test registries
   */
  OciRegistryCharts(ChartHttp http, ChartCache cache, boolean plainHttp) {
    this.http = http;
    this.cache = cache;
    this.plainHttp = plainHttp;
  }

  /**
   * @param reference {@code oci://host[:port]/path/chart}
   * @param credentials the repository entry whose credentials apply; null for anonymous
   */
  ChartArchiveBytes fetch(
      String reference, String constraint, ChartRepository credentials, String where) {
    String rest = reference.substring("oci://".length());
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw ReconcileException.stalled(
          where
              + ": chart '"
              + reference
              + "' names no repository "
              + "in the registry; write oci://host/path/chart");
    }
    Session session =
        new Session(rest.substring(0, slash), rest.substring(slash + 1), credentials, where);
    String chart = session.name.substring(session.name.lastIndexOf('/') + 1);
    String version = version(session, reference, constraint);
    String what = "chart " + reference + " " + version;
    Response manifest = session.get("manifests/" + version.replace('+', '_'), MANIFEST, what);
    if (manifest.status() == 404) {
      throw ReconcileException.stalled(
          where + ": " + what + " is not in the registry; check the " + "chart name and version:");
    }
    String digest = chartLayerDigest(manifest, what, where);
    String hex =
        ChartCache.normalized(digest)
            .orElseThrow(
                () ->
                    ReconcileException.stalled(
                        where
                            + ": "
                            + what
                            + ": the manifest's chart layer has digest '"
                            + digest
                            + "', not sha256"));
    Optional<byte[]> cached = cache.get(hex);
    if (cached.isPresent()) {
      return new ChartArchiveBytes(chart + "-" + version + ".tgz", cached.get());
    }
    Response blob = session.get("blobs/" + digest, "*/*", what + " layer");
    if (!blob.ok()) {
      throw ChartHttp.failure(blob, what + " layer", where);
    }
    ChartCache.verify(blob.body(), hex, what, where);
    cache.put(hex, blob.body());
    return new ChartArchiveBytes(chart + "-" + version + ".tgz", blob.body());
  }

  /** An exact version is the tag; a constraint picks the newest matching tag, as Helm does. */
  private String version(Session session, String reference, String constraint) {
    boolean exact = !constraint.isEmpty() && SemanticVersion.isValid(constraint);
    if (exact) {
      return constraint;
    }
    String chart = reference.substring(reference.lastIndexOf('/') + 1);
    VersionConstraint parsed = RepositoryIndex.parseConstraint(constraint, chart, session.where);
    Response tags = session.get("tags/list", "application/json", "the tags of " + reference);
    if (tags.status() == 404) {
      throw ReconcileException.stalled(
          session.where
              + ": chart '"
              + reference
              + "' is not in the "
              + "registry; check the chart name");
    }
    List<SemanticVersion> versions = new ArrayList<>();
    json(tags, "the tags of " + reference, session.where)
        .path("tags")
        .forEach(
            tag -> {
              String version = tag.asText().replace('_', '+');
              if (SemanticVersion.isValid(version)) {
                versions.add(SemanticVersion.parse(version));
              }
            });
    versions.sort(Comparator.reverseOrder());
    return versions.stream()
        .filter(parsed::matches)
        .findFirst()
        .map(SemanticVersion::original)
        .orElseThrow(
            () ->
                ReconcileException.stalled(
                    session.where
                        + ": no version of chart '"
                        + reference
                        + "' satisfies '"
                        + constraint
                        + "'"
                        + RepositoryIndex.listed(
                            "newest available",
                            versions.stream().map(SemanticVersion::original).toList())
                        + "; change the release's version:"));
  }

  private static String chartLayerDigest(Response manifest, String what, String where) {
    for (JsonNode layer : json(manifest, what + " manifest", where).path("layers")) {
      if (CHART_LAYER.equals(layer.path("mediaType").asText())) {
        return layer.path("digest").asText();
      }
    }
    throw ReconcileException.stalled(
        where
            + ": "
            + what
            + " is not a Helm chart: its manifest "
            + "has no "
            + CHART_LAYER
            + " layer");
  }

  private static JsonNode json(Response response, String what, String where) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw ReconcileException.stalled(where + ": " + what + " is not JSON: " + e.getMessage(), e);
    }
  }

  /** One fetch from one repository of a registry, holding the token once it has one. */
  private final class Session {
    private final String host;
    private final String name;
    private final ChartRepository credentials;
    private final String where;
    private String authorization;

    Session(String host, String name, ChartRepository credentials, String where) {
      this.host = host;
      this.name = name;
      this.credentials = credentials;
      this.where = where;
    }

    /** A GET under {@code /v2/<name>/}, authenticating once when challenged. */
    Response get(String path, String accept, String what) {
      URI uri =
          URI.create((plainHttp ? "http://" : "https://") + host + "/v2/" + name + "/" + path);
      Request request = new Request(uri, accept, authorization, false);
      Response response = http.get(request, credentials, what, where);
      if (response.status() == 401 && response.header("WWW-Authenticate").isPresent()) {
        authorization = authenticate(response.header("WWW-Authenticate").get(), what);
        response = http.get(request.withAuthorization(authorization), credentials, what, where);
      }
      if (!response.ok() && response.status() != 404) {
        throw ChartHttp.failure(response, what, where);
      }
      return response;
    }

    private String authenticate(String challenge, String what) {
      if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
        if (credentials == null || !credentials.hasCredentials()) {
          throw ReconcileException.stalled(
              where
                  + ": "
                  + what
                  + ": the registry "
                  + host
                  + " asks for credentials; declare it in repositories: with oci: true, username "
                  + "and password");
        }
        return ChartHttp.basic(credentials.username(), credentials.password());
      }
      Map<String, String> params = new LinkedHashMap<>();
      Matcher m = CHALLENGE_PARAM.matcher(challenge);
      while (m.find()) {
        params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
      }
      if (!challenge.regionMatches(true, 0, "Bearer", 0, 6) || !params.containsKey("realm")) {
        throw ReconcileException.stalled(
            where
                + ": "
                + what
                + ": the registry "
                + host
                + " asks for an authentication helmsync does not speak: "
                + challenge.split(" ")[0]);
      }
      return "Bearer " + token(params, what);
    }

    private String token(Map<String, String> params, String what) {
      StringBuilder url = new StringBuilder(params.get("realm"));
      String separator = params.get("realm").contains("?") ? "&" : "?";
      for (String key : List.of("service", "scope")) {
        if (params.containsKey(key)) {
          url.append(separator)
              .append(key)
              .append('=')
              .append(URLEncoder.encode(params.get(key), StandardCharsets.UTF_8));
          separator = "&";
        }
      }
      String tokenService = "the token service of " + host;
      Request request = Request.anonymous(URI.create(url.toString()), "application/json");
      if (credentials != null && credentials.hasCredentials()) {
        request =
            request.withAuthorization(
                ChartHttp.basic(credentials.username(), credentials.password()));
      }
      Response response = http.get(request, credentials, tokenService, where);
      if (!response.ok()) {
        throw ChartHttp.failure(response, tokenService + " (for " + what + ")", where);
      }
      JsonNode body = json(response, tokenService, where);
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw ReconcileException.stalled(
            where + ": " + tokenService + " answered without a " + "token");
      }
      return token;
    }
  }
}
