package io.helmsync.cluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.helmsync.apply.ApiErrors;
import io.helmsync.apply.KindScopes;
import io.helmsync.model.ReconcileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What the API server serves, read as Helm's {@code getCapabilities} and {@code getVersionSet} read
 * it: the version from {@code /version}, every group/version listed by {@code /api} and {@code
 * /apis}, and a {@code group/version/Kind} entry for every resource of their resource lists.
 *
 * <p>Discovery costs one request per group/version, so it is kept for {@code maxAge} (or until
 * {@link #invalidate()}, after helmsync changed a CustomResourceDefinition): a reconcile that
 * changes nothing still costs only the read of its inventory.
 */
public final class ClusterDiscovery {
  /** How long a discovery is used before it is read again. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(ClusterDiscovery.class);
  private static final Pattern RELEASE = Pattern.compile("v?(\\d+)\\.(\\d+)(.*)");

  /**
   * One discovery.
   *
   * @param kubeVersion the server's {@code gitVersion}, e.g. {@code v1.29.3}
   * @param apiVersions Helm's version set: group/versions and group/version/Kind entries
   * @param resources the resources of each group/version whose list could be read
   */
  public record Snapshot(
      String kubeVersion, Set<String> apiVersions, Map<String, List<APIResource>> resources) {
    public Snapshot {
      apiVersions = Set.copyOf(apiVersions);
      resources = Map.copyOf(resources);
    }
  }

  private final KubernetesClient client;
  private final Duration maxAge;
  private final Clock clock;
  private Snapshot snapshot;
  private Instant readAt;

  public ClusterDiscovery(KubernetesClient client, Duration maxAge, Clock clock) {
    this.client = client;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * The last discovery, read again when it is older than the maximum age or was invalidated.
   *
   * @throws ReconcileException TRANSIENT when the server's version or API groups cannot be read;
   *     rendering for a cluster never falls back to offline defaults
   */
  public synchronized Snapshot current() {
    Instant now = clock.instant();
    if (snapshot == null || !now.isBefore(readAt.plus(maxAge))) {
      snapshot = read();
      readAt = now;
    }
    return snapshot;
  }

  /** Reads everything again at the next {@link #current()}: the served APIs have changed. */
  public synchronized void invalidate() {
    snapshot = null;
  }

  /**
   * The resource of {@code kind} in {@code apiVersion} (subresources left out), as Helm's {@code
   * lookup} finds it: from the last discovery, or from the server when that did not list the
   * group/version (it may be new since).
   *
   * @return empty when the group/version is served but has no such kind
   * @throws ReconcileException when the server does not serve the group/version (STALLED) or cannot
   *     be asked (TRANSIENT)
   */
  public Optional<APIResource> resource(String apiVersion, String kind) {
    List<APIResource> resources = current().resources().get(apiVersion);
    if (resources == null) {
      APIResourceList list =
          request("GET " + path(apiVersion), () -> client.getApiResources(apiVersion));
      if (list == null) {
        throw ReconcileException.stalled(
            "apiVersion "
                + apiVersion
                + " is not served by the "
                + "cluster (GET "
                + path(apiVersion)
                + " answered 404); install its "
                + "CustomResourceDefinition or fix the apiVersion");
      }
      resources = list.getResources();
    }
    return resources.stream()
        .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
        .findFirst();
  }

  private Snapshot read() {
    VersionInfo version = request("GET /version", client::getKubernetesVersion);
    APIVersions core = request("GET /api", client::getAPIVersions);
    APIGroupList groups = request("GET /apis", client::getApiGroups);
    if (version == null || core == null || groups == null) {
      throw ReconcileException.transientError(
          "cluster discovery failed: the API server answered "
              + "404 to GET /version, /api or /apis; is the API server URL right?",
          null);
    }
    List<String> groupVersions = new ArrayList<>(core.getVersions());
    for (APIGroup group : groups.getGroups()) {
      group.getVersions().stream()
          .map(GroupVersionForDiscovery::getGroupVersion)
          .forEach(groupVersions::add);
    }
    Set<String> apiVersions = new TreeSet<>(groupVersions);
    Map<String, List<APIResource>> resources = new LinkedHashMap<>();
    for (String groupVersion : groupVersions) {
      resources(groupVersion)
          .ifPresent(
              list -> {
                resources.put(groupVersion, list);
                list.stream()
                    .map(APIResource::getKind)
                    .filter(kind -> kind != null && !kind.isEmpty())
                    .forEach(kind -> apiVersions.add(groupVersion + "/" + kind));
              });
    }
    String kubeVersion = kubeVersion(version);
    LOG.debugf(
        "cluster discovered: kubeVersion=%s groupVersions=%d", kubeVersion, groupVersions.size());
    return new Snapshot(kubeVersion, apiVersions, resources);
  }

  /**
   * One group/version's resources. A group whose list cannot be read (an aggregated API that is
   * down) keeps its group/version in the set without kinds, as Helm tolerates it.
   */
  private Optional<List<APIResource>> resources(String groupVersion) {
    try {
      APIResourceList list = client.getApiResources(groupVersion);
      return list == null ? Optional.empty() : Optional.of(List.copyOf(list.getResources()));
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "cluster discovery: resources of %s unreadable %s; its kinds are left out of "
              + ".Capabilities.APIVersions",
          groupVersion, ApiErrors.describe(e));
      return Optional.empty();
    }
  }

  /** {@code gitVersion}, or {@code vMAJOR.MINOR.0} from the numbers when it does not parse. */
  private static String kubeVersion(VersionInfo version) {
    String git = version.getGitVersion();
    if (git != null && RELEASE.matcher(git).matches()) {
      return git.startsWith("v") ? git : "v" + git;
    }
    Matcher minor = Pattern.compile("(\\d+).*").matcher(String.valueOf(version.getMinor()));
    if (version.getMajor() == null || !minor.matches()) {
      throw ReconcileException.transientError(
          "cluster discovery failed: GET /version has no "
              + "usable gitVersion or major/minor (gitVersion '"
              + git
              + "')",
          null);
    }
    return "v" + version.getMajor() + "." + minor.group(1) + ".0";
  }

  private static <T> T request(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      throw ReconcileException.transientError(
          "cluster discovery failed: "
              + what
              + " "
              + ApiErrors.describe(e)
              + "; .Capabilities and lookup need it, so nothing is rendered "
              + "and the reconcile is retried",
          e);
    }
  }

  private static String path(String apiVersion) {
    return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
  }

  /**
   * Which kinds the cluster serves without a namespace, as discovery last read them (no request
   * while it is fresh); kinds it does not serve are left to the next {@link KindScopes}.
   *
   * @throws ReconcileException TRANSIENT, from a lookup, when the discovery cannot be read
   */
  public KindScopes kindScopes() {
    return (apiVersion, kind) -> {
      List<APIResource> resources = current().resources().get(apiVersion);
      return resources == null
          ? Optional.empty()
          : resources.stream()
              .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/"))
              .findFirst()
              .map(r -> !Boolean.TRUE.equals(r.getNamespaced()));
    };
  }
}
