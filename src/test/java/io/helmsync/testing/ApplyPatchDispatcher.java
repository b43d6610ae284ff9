package io.helmsync.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Teaches fabric8's CRUD mock API server server-side apply ({@code PATCH} with {@code Content-Type:
 * application/apply-patch+yaml}), which it otherwise answers with 404/415, and records every
 * request so tests can count what was written.
 *
 * <p>What it does, as the API server does: creates the object when absent (201); otherwise merges
 * the applied fields into it (200); records the applying manager in {@code metadata.managedFields}
 * ({@code operation: Apply}, {@code fieldsV1} in {@code f:} notation); removes fields that the same
 * manager applied before and no longer applies, unless another manager also owns them; answers 409
 * with a {@code Status} listing the conflicts when a field owned by another manager would get a
 * different value, unless {@code force=true}, which takes the field over; leaves {@code
 * resourceVersion} alone when nothing changed. {@code dryRun=All} computes the answer without
 * storing it.
 *
 * <p>Limits, kept on purpose to stay small: lists are atomic (the whole list is one field, as for
 * lists without merge keys; the real server merges lists with merge keys such as containers by
 * name); no defaulting, validation, admission or schema; updates by other means ({@code PUT}, merge
 * patches) do not record managers. Never rely on set-based label selectors ({@code in}, {@code
 * notin}) with this mock: it ignores them and matches everything.
 */
public class ApplyPatchDispatcher extends KubernetesCrudDispatcher {
  static final String APPLY_PATCH = "application/apply-patch+yaml";
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** One request as the server saw it. */
  public record Request(String method, String path, String contentType) {
    public boolean isWrite() {
      return WRITES.contains(method);
    }

    /**
     * What the request does, as in RBAC and audit logs: get, list, watch, create, update, patch,
     * delete, and dry-run patch for {@code dryRun=All} (which stores nothing); discover for a
     * discovery document (see {@link #isDiscovery()}).
     */
    public String verb() {
      boolean query = path.contains("?");
      String bare = query ? path.substring(0, path.indexOf('?')) : path;
      String parameters = query ? path.substring(path.indexOf('?') + 1) : "";
      return switch (method) {
        case "GET" ->
            parameters.contains("watch=true")
                ? "watch"
                : isDiscovery() ? "discover" : isCollection(bare) ? "list" : "get";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> parameters.contains("dryRun=All") ? "dry-run patch" : "patch";
        default -> method.toLowerCase(java.util.Locale.ROOT);
      };
    }

    /**
     * A read of {@code /version}, {@code /api}, {@code /apis} or a group/version's resource list:
     * what Helm's {@code .Capabilities} and {@code lookup} are built from.
     */
    public boolean isDiscovery() {
      return method.equals("GET") && DiscoveryAnswers.isDiscovery(withoutQuery(path));
    }

    /** {@code /api/v1/namespaces/demo/configmaps} or {@code /apis/apps/v1/deployments}. */
    private static boolean isCollection(String bare) {
      List<String> segments = List.of(bare.replaceFirst("^/", "").split("/"));
      List<String> rest = segments.subList(segments.get(0).equals("api") ? 2 : 3, segments.size());
      if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
        rest = rest.subList(2, rest.size());
      }
      return rest.size() == 1;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String kubernetesVersion = "v1.30.2";
  private final Map<String, Integer> refusals = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, java.util.Deque<Fault>> faults =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A fault to answer one request with instead of handling it.
   *
   * @param code the HTTP status to answer, or {@link #UNANSWERED} to leave the request unanswered
   *     for minutes, as a connection lost mid-request (the vert.x based mock server of fabric8 7
   *     has no socket policies to cut the connection itself), so the client's timeout fires
   */
  public record Fault(int code) {
    public static final int UNANSWERED = -1;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(
        new Request(request.getMethod(), request.getPath(), request.getHeader("Content-Type")));
    Integer refusal = refusals.get(request.getMethod() + " " + request.getPath());
    if (refusal != null) {
      return status(refusal, "Forbidden", "refused by the test", List.of());
    }
    java.util.Deque<Fault> pending =
        faults.get(request.getMethod() + " " + withoutQuery(request.getPath()));
    Fault fault = pending == null ? null : pending.poll();
    if (fault != null) {
      return answer(fault);
    }
    String bare = withoutQuery(request.getPath());
    if (request.getMethod().equals("GET") && DiscoveryAnswers.isDiscovery(bare)) {
      return DiscoveryAnswers.answer(bare, customResourceDefinitions(), kubernetesVersion)
          .map(body -> new MockResponse().setResponseCode(200).setBody(body))
          .orElseGet(
              () ->
                  status(
                      404,
                      "NotFound",
                      "the server could not find the requested resource",
                      List.of()));
    }
    return super.dispatch(request);
  }

  /** The version {@code /version} reports, {@code v1.30.2} unless a test sets another. */
  public void serveKubernetesVersion(String gitVersion) {
    kubernetesVersion = gitVersion;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> customResourceDefinitions() {
    MockResponse stored =
        super.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    Map<String, Object> list = read(JSON, stored.getBody().readUtf8());
    return (List<Map<String, Object>>) list.getOrDefault("items", List.of());
  }

  private static MockResponse answer(Fault fault) {
    if (fault.code() == Fault.UNANSWERED) {
      return new MockResponse()
          .setResponseCode(200)
          .setBody("{}")
          .setBodyDelay(java.time.Duration.ofMinutes(5));
    }
    String reason = fault.code() == 409 ? "Conflict" : "InternalError";
    return status(fault.code(), reason, "injected by the test", List.of());
  }

  /**
   * Answers the next {@code faults.length} {@code method} requests on {@code path} (without its
   * query) with these faults, one each, then handles requests again.
   */
  public void inject(String method, String path, Fault... injected) {
    faults
        .computeIfAbsent(
            method + " " + path, key -> new java.util.concurrent.ConcurrentLinkedDeque<>())
        .addAll(List.of(injected));
  }

  private static String withoutQuery(String path) {
    return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
  }

  /** Answers {@code code} to every {@code method} request on exactly {@code path}, from now on. */
  public void refuse(String method, String path, int code) {
    refusals.put(method + " " + path, code);
  }

  /** Every request since the last {@link #clearRequests()}, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests that could have changed something (POST, PUT, PATCH, DELETE), leaving out the
   * leader Lease, which the leader renews every few seconds whether or not anything changes, and
   * Events, which report on the cluster's state without being part of it.
   */
  public List<Request> writes() {
    return requests.stream()
        .filter(Request::isWrite)
        .filter(r -> !r.path().contains("/apis/coordination.k8s.io/"))
        .filter(r -> !r.path().matches("/api/v1/namespaces/[^/]+/events.*"))
        .toList();
  }

  /**
   * The requests that only read (get, list, watch), leaving out the leader Lease as {@link
   * #writes()} does.
   */
  public List<Request> reads() {
    return requests.stream()
        .filter(r -> r.method().equals("GET"))
        .filter(r -> !r.path().contains("/apis/coordination.k8s.io/"))
        .toList();
  }

  /** How many requests of each verb (see {@link Request#verb()}), Lease requests left out. */
  public Map<String, Long> countByVerb() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    requests.stream()
        .filter(r -> !r.path().contains("/apis/coordination.k8s.io/"))
        .forEach(r -> counts.merge(r.verb(), 1L, Long::sum));
    return counts;
  }

  public void clearRequests() {
    requests.clear();
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith(APPLY_PATCH)) {
      return super.handlePatch(request);
    }
    return apply(request);
  }

  private MockResponse apply(RecordedRequest request) {
    String path = request.getPath();
    String resourcePath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    Map<String, String> query = query(path);
    String manager = query.get("fieldManager");
    if (manager == null || manager.isBlank()) {
      return status(422, "Invalid", "fieldManager is required for apply requests", List.of());
    }
    Map<String, Object> applied = read(YAML, request.getUtf8Body());
    Map.Entry<?, String> stored = findResource(getKey(resourcePath));
    boolean dryRun = "All".equals(query.get("dryRun"));
    if (stored == null) {
      return create(resourcePath, applied, manager, dryRun);
    }
    return update(
        resourcePath,
        read(JSON, stored.getValue()),
        applied,
        manager,
        "true".equals(query.get("force")),
        dryRun);
  }

  private MockResponse create(
      String resourcePath, Map<String, Object> applied, String manager, boolean dryRun) {
    Map<String, Object> object = FieldPaths.copy(applied);
    ManagedFields.set(object, manager, FieldPaths.leaves(applied), applied.get("apiVersion"));
    if (dryRun) {
      return new MockResponse().setResponseCode(201).setBody(write(object));
    }
    String collection = resourcePath.substring(0, resourcePath.lastIndexOf('/'));
    return handleCreate(synthesized(HttpMethod.POST, collection, object));
  }

  private MockResponse update(
      String resourcePath,
      Map<String, Object> live,
      Map<String, Object> applied,
      String manager,
      boolean force,
      boolean dryRun) {
    Set<String> appliedPaths = FieldPaths.leaves(applied);
    Map<String, Set<String>> owners = ManagedFields.read(live);
    List<String> conflicts = conflicts(live, applied, appliedPaths, owners, manager);
    if (!conflicts.isEmpty() && !force) {
      return status(
          409,
          "Conflict",
          "Apply failed with " + conflicts.size() + " conflicts: " + String.join(", ", conflicts),
          conflicts);
    }
    Map<String, Object> merged = FieldPaths.copy(live);
    for (String released : owners.getOrDefault(manager, Set.of())) {
      if (!appliedPaths.contains(released) && !ownedByOthers(owners, manager, released)) {
        FieldPaths.remove(merged, released);
      }
    }
    FieldPaths.mergeInto(merged, applied);
    owners.put(manager, appliedPaths);
    if (force) {
      owners.forEach(
          (other, paths) -> {
            if (!other.equals(manager)) {
              paths.removeAll(appliedPaths);
            }
          });
    }
    ManagedFields.write(merged, owners, applied.get("apiVersion"));
    if (merged.equals(live)) {
      return new MockResponse().setResponseCode(200).setBody(write(live));
    }
    if (dryRun) {
      return new MockResponse().setResponseCode(200).setBody(write(merged));
    }
    return handleUpdate(synthesized(HttpMethod.PUT, resourcePath, merged));
  }

  private static List<String> conflicts(
      Map<String, Object> live,
      Map<String, Object> applied,
      Set<String> appliedPaths,
      Map<String, Set<String>> owners,
      String manager) {
    List<String> conflicts = new ArrayList<>();
    owners.forEach(
        (other, paths) -> {
          if (other.equals(manager)) {
            return;
          }
          for (String path : new TreeSet<>(paths)) {
            if (appliedPaths.contains(path)
                && !java.util.Objects.equals(
                    FieldPaths.get(live, path), FieldPaths.get(applied, path))) {
              conflicts.add("conflict with \"" + other + "\": " + path);
            }
          }
        });
    return conflicts;
  }

  private static boolean ownedByOthers(
      Map<String, Set<String>> owners, String manager, String path) {
    return owners.entrySet().stream()
        .anyMatch(e -> !e.getKey().equals(manager) && e.getValue().contains(path));
  }

  private static RecordedRequest synthesized(
      HttpMethod method, String path, Map<String, Object> body) {
    Headers headers = Headers.builder().add("Content-Type", "application/json").build();
    return new RecordedRequest(
        "HTTP/1.1", method, path, headers, new Buffer().writeUtf8(write(body)));
  }

  private static MockResponse status(int code, String reason, String message, List<String> causes) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("apiVersion", "v1");
    status.put("kind", "Status");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put(
        "details",
        Map.of(
            "causes",
            causes.stream()
                .map(c -> Map.of("reason", "FieldManagerConflict", "message", c))
                .toList()));
    status.put("code", code);
    return new MockResponse().setResponseCode(code).setBody(write(status));
  }

  private static Map<String, String> query(String path) {
    Map<String, String> query = new LinkedHashMap<>();
    int start = path.indexOf('?');
    if (start < 0) {
      return query;
    }
    for (String pair : path.substring(start + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(ObjectMapper mapper, String text) {
    try {
      return mapper.readValue(text, LinkedHashMap.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an object: " + text, e);
    }
  }

  private static String write(Map<String, Object> object) {
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
