package io.helmsync.secret;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.template.helmfile.SecretPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Resolves vals references against their backends, keeping what it fetched in memory for {@code
 * HELMSYNC_SECRET_REFRESH} so that a poll every few seconds does not call AWS every few seconds.
 * Each load works in a {@link SecretSession}, which fetches an identical reference once and
 * remembers every value it resolved so that the load can mask them. Values live only here and in
 * the loaded state: never on disk.
 */
public final class SecretResolver implements SecretPort {
  private final Map<SecretRef.Backend, SecretBackend> backends;
  private final Duration refresh;
  private final Clock clock;

  /** Hands out {@link SecretPlaceholder}s instead of fetching: a dry run without AWS. */
  private final boolean placeholders;

  /** Where helmfile's {@code secrets:} files are decrypted. */
  private final SopsFiles sops;

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /** References a load could not resolve (not found, denied), tried again on refresh. */
  private final Map<String, SecretRef> unresolved = new ConcurrentHashMap<>();

  SecretResolver(Map<SecretRef.Backend, SecretBackend> backends, Duration refresh, Clock clock) {
    this(backends, refresh, clock, false, SopsFiles.kmsOnly());
  }

  private SecretResolver(
      Map<SecretRef.Backend, SecretBackend> backends,
      Duration refresh,
      Clock clock,
      boolean placeholders,
      SopsFiles sops) {
    this.backends = new EnumMap<>(SecretRef.Backend.class);
    this.backends.putAll(backends);
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.clock = clock;
    this.placeholders = placeholders;
    this.sops = sops;
  }

  /** A resolver with no backend: a state without references loads, one with any is stalled. */
  public static SecretResolver unconfigured() {
    return new SecretResolver(Map.of(), Duration.ZERO, Clock.systemUTC());
  }

  /**
   * A resolver that fetches nothing and resolves every reference to a labelled placeholder ({@code
   * HELMSYNC_SECRET_PLACEHOLDERS}): only for output that is never applied.
   */
  public static SecretResolver placeholders() {
    return new SecretResolver(
        Map.of(), Duration.ZERO, Clock.systemUTC(), true, SopsFiles.kmsOnly());
  }

  /**
   * This resolver decrypting helmfile's {@code secrets:} files with {@code files}' keys; call it
   * before the first load, as the resolver it returns starts with an empty cache.
   */
  public SecretResolver withSops(SopsFiles files) {
    return new SecretResolver(backends, refresh, clock, placeholders, files);
  }

  /**
   * This resolver, or {@link #placeholders()} where {@code HELMSYNC_SECRET_PLACEHOLDERS} allows
   * them: only when nothing is applied and there is no cluster, so that placeholder text never
   * reaches one.
   *
   * @param asked the setting, empty when unset
   * @param automatic whether unset means on (the agent's dry run without a cluster, so that the
   *     README's first command works on a machine without AWS)
   * @param applies whether this run writes to a cluster
   * @param cluster whether a cluster is configured
   * @throws IllegalArgumentException when placeholders are asked for and something would be applied
   */
  public SecretResolver orPlaceholders(
      Optional<Boolean> asked, boolean automatic, boolean applies, boolean cluster) {
    if (asked.orElse(false) && applies) {
      throw new IllegalArgumentException(
          "HELMSYNC_SECRET_PLACEHOLDERS=true is refused when objects"
              + " are applied: placeholders would replace real secrets in the cluster; unset it, or run"
              + " a dry run (--dry-run, render, build, diff)");
    }
    return asked.orElse(automatic) && !applies && !cluster ? placeholders().withSops(sops) : this;
  }

  /**
   * The agent's resolver.
   *
   * @param aws the Secrets Manager client for a reference's region and role ({@link AwsClients}),
   *     asked for only when a reference is met, so that a state without references needs no AWS
   *     set-up
   * @param kubernetes the cluster's client for {@code ref+k8s://}, or null when there is no cluster
   */
  public static SecretResolver of(
      Function<SecretRef, SecretsManagerClient> aws,
      Supplier<KubernetesClient> kubernetes,
      Duration refresh) {
    return of(aws, kubernetes, refresh, SecretRequests.NONE);
  }

  /** {@link #of(Function, Supplier, Duration)}, counting every request to a store. */
  public static SecretResolver of(
      Function<SecretRef, SecretsManagerClient> aws,
      Supplier<KubernetesClient> kubernetes,
      Duration refresh,
      SecretRequests requests) {
    return of(Map.of(), aws, kubernetes, refresh, requests);
  }

  /**
   * The agent's resolver, reading {@code ref+awsssm://} too, with the same identity as Secrets
   * Manager.
   */
  public static SecretResolver of(
      AwsClients aws,
      Supplier<KubernetesClient> kubernetes,
      Duration refresh,
      SecretRequests requests) {
    return of(
        Map.of(SecretRef.Backend.AWS_SSM, new AwsSsmBackend(aws.ssm(), requests)),
        aws,
        kubernetes,
        refresh,
        requests);
  }

  private static SecretResolver of(
      Map<SecretRef.Backend, SecretBackend> others,
      Function<SecretRef, SecretsManagerClient> aws,
      Supplier<KubernetesClient> kubernetes,
      Duration refresh,
      SecretRequests requests) {
    Map<SecretRef.Backend, SecretBackend> backends = new EnumMap<>(SecretRef.Backend.class);
    backends.putAll(others);
    backends.put(SecretRef.Backend.AWS_SECRETS, new AwsSecretsBackend(aws, requests));
    if (kubernetes != null) {
      backends.put(SecretRef.Backend.KUBERNETES, new KubernetesSecretBackend(kubernetes, requests));
    }
    return new SecretResolver(backends, refresh, Clock.systemUTC());
  }

  /** One load's view: identical references fetched once, resolved values remembered. */
  public SecretSession session() {
    return new SecretSession(this, sops);
  }

  /** A template's {@code fetchSecretValue}, outside any load. */
  @Override
  public String fetch(String ref) {
    return session().fetch(ref);
  }

  /**
   * Fetches again every secret in the cache, and each one a load could not find, and reports
   * whether any changed: a rotated or newly created secret, to be applied by a {@code
   * secret-rotation} reconcile (a revision stalled on a missing secret is retried then).
   *
   * @throws ReconcileException when a cached secret cannot be fetched now
   */
  public boolean refresh() {
    Map<String, String> before = new LinkedHashMap<>();
    cache.forEach((location, cached) -> before.put(location, cached.secret()));
    boolean changed = !before.equals(fetch(cache.values().stream().map(Cached::ref).toList()));
    for (SecretRef ref : List.copyOf(unresolved.values())) {
      changed |= foundNow(ref);
    }
    return changed;
  }

  private boolean foundNow(SecretRef ref) {
    try {
      fetch(List.of(ref));
      return true;
    } catch (ReconcileException e) {
      return false;
    }
  }

  /** The whole secrets at these references' locations, from the cache while it is fresh. */
  Map<String, String> secrets(Collection<SecretRef> refs) {
    if (placeholders) {
      return Map.of();
    }
    Instant now = clock.instant();
    Map<String, String> secrets = new LinkedHashMap<>();
    List<SecretRef> missing =
        refs.stream()
            .filter(
                ref -> {
                  Cached cached = cache.get(ref.location());
                  boolean fresh = cached != null && now.isBefore(cached.fetched().plus(refresh));
                  if (fresh) {
                    secrets.put(ref.location(), cached.secret());
                  }
                  return !fresh;
                })
            .toList();
    try {
      secrets.putAll(fetch(missing));
    } catch (ReconcileException e) {
      if (e.reason() == Reason.STALLED) {
        missing.forEach(ref -> unresolved.putIfAbsent(ref.location(), ref));
      }
      throw e;
    }
    return secrets;
  }

  /** What a reference resolves to, given the whole secret at its location. */
  Object select(SecretRef ref, String secret) {
    return placeholders ? SecretPlaceholder.of(ref) : SecretFragment.select(ref, secret);
  }

  private Map<String, String> fetch(List<SecretRef> refs) {
    Map<SecretRef.Backend, List<SecretRef>> byBackend =
        refs.stream()
            .collect(
                Collectors.groupingBy(SecretRef::backend, LinkedHashMap::new, Collectors.toList()));
    Map<String, String> fetched = new LinkedHashMap<>();
    byBackend.forEach((backend, group) -> fetched.putAll(backend(backend, group).fetch(group)));
    Instant now = clock.instant();
    refs.forEach(
        ref -> {
          cache.put(ref.location(), new Cached(ref, fetched.get(ref.location()), now));
          unresolved.remove(ref.location());
        });
    return fetched;
  }

  private SecretBackend backend(SecretRef.Backend backend, List<SecretRef> refs) {
    SecretBackend configured = backends.get(backend);
    if (configured == null) {
      throw ReconcileException.stalled(
          refs.get(0).text()
              + ": the "
              + backend.scheme()
              + " secret backend is not configured in this process"
              + (backend == SecretRef.Backend.KUBERNETES ? "; ref+k8s:// needs a cluster" : ""));
    }
    return configured;
  }

  /** A whole secret as fetched, with one reference to fetch it again by. */
  private record Cached(SecretRef ref, String secret, Instant fetched) {}
}
