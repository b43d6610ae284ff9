package io.helmsync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * helmsync's configuration. Every property is also an environment variable with the {@code
 * HELMSYNC_} prefix ({@code helmsync.git.interval} is {@code HELMSYNC_GIT_INTERVAL}); it is read
 * once at start-up, and the CLI may override parts of it for one command.
 */
@ConfigMapping(prefix = "helmsync")
public interface HelmsyncConfig {

  /** The helmfile environment to deploy ({@code helmfile -e <environment>}). */
  @WithDefault("default")
  String environment();

  /**
   * The namespace the agent manages; defaults to the pod's own namespace when in a cluster, else to
   * the environment name (Orchestrate names environments after namespaces).
   */
  Optional<String> namespace();

  /** A local directory holding the helmfile state, used instead of Git when set. */
  Optional<Path> repo();

  /** The Git repository. */
  Git git();

  /** Path of the state file, relative to the repository root (or {@code git.path}). */
  @WithDefault("helmfile.yaml")
  String helmfile();

  /**
   * helmfile v1 behaviour: only {@code *.gotmpl} state files are templates. Off by default, as in
   * helmfile v0, where every state file is rendered.
   */
  @WithName("helmfile-v1-mode")
  @WithDefault("false")
  boolean helmfileV1Mode();

  /** Delete objects that Git no longer declares. */
  @WithDefault("true")
  boolean prune();

  /**
   * Allow a prune that deletes all managed objects or more than half of them. Off by default: such
   * a prune is far more often a Git mistake (a deleted include, a wrong branch) than an intent.
   */
  @WithName("allow-mass-prune")
  @WithDefault("false")
  boolean allowMassPrune();

  /**
   * Namespaces besides {@link #namespace()} that objects may be applied to, comma-separated; {@code
   * *} allows every namespace. Empty by default: a commit that puts an object (or a release) into
   * another namespace is refused before anything is written, since the agent's credentials may
   * reach further than the environment it deploys.
   */
  @WithName("allowed-namespaces")
  Optional<java.util.List<String>> allowedNamespaces();

  /**
   * Apply cluster-scoped objects (ClusterRole, Namespace, StorageClass, ...). Off by default: they
   * act on every environment of the cluster, so a commit holding one is refused before anything is
   * written. The CustomResourceDefinitions of charts' {@code crds/} directories are applied either
   * way, as Helm installs them.
   */
  @WithName("allow-cluster-scoped")
  @WithDefault("false")
  boolean allowClusterScoped();

  /**
   * A Secret in the agent's namespace whose keys {@code env} and {@code requiredEnv} see as
   * environment variables, so registry passwords and API keys stay out of Git.
   */
  @WithName("env-secret")
  Optional<String> envSecret();

  /**
   * A Secret in the agent's namespace holding the private keys helmfile's SOPS-encrypted {@code
   * secrets:} files are decrypted with, named as Flux names them: {@code *.agekey} entries hold age
   * identities, {@code *.asc} entries OpenPGP secret keys without a passphrase. Read on each
   * reconcile that meets a SOPS file, so a rotated key needs no restart. Files encrypted with AWS
   * KMS need no key here, only {@code kms:Decrypt} for the agent's AWS identity.
   */
  @WithName("sops-secret")
  Optional<String> sopsSecret();

  /**
   * A directory (a mounted Secret) whose {@code *.agekey} and {@code *.asc} files hold SOPS keys,
   * used together with {@code HELMSYNC_SOPS_SECRET}'s: for running without a cluster, or without
   * letting the agent read Secrets.
   */
  @WithName("sops-keys-dir")
  Optional<Path> sopsKeysDir();

  /**
   * The environment variables {@code env} and {@code requiredEnv} may read besides the keys of
   * {@link #envSecret()}: names, or prefixes ending in {@code *}, comma-separated. Every name by
   * default, so that helmfile states keep working; the agent's own configuration and credentials
   * ({@code HELMSYNC_*}, {@code AWS_*}, {@code QUARKUS_*}, {@code KUBERNETES_*}, JVM, Git and proxy
   * settings) are never readable, whatever this says, because whoever can push could render them
   * into an object and read them back.
   */
  @WithName("env-allow")
  @WithDefault("*")
  List<String> envAllow();

  /**
   * How long a secret read from AWS Secrets Manager or a Kubernetes Secret is reused before it is
   * read again: reconciles between refreshes cost no AWS calls, and a rotated secret is seen within
   * this interval.
   */
  @WithName("secret-refresh")
  @WithDefault("5m")
  Duration secretRefresh();

  /**
   * Resolve secret references to labelled placeholders instead of reading AWS or the cluster, so
   * that a machine without AWS can render the state. Unset: on only for the agent's dry run without
   * a cluster. {@code true}: also for {@code render}/{@code build}/{@code diff} without a cluster;
   * refused at start-up whenever something would be applied. {@code false}: never.
   */
  @WithName("secret-placeholders")
  Optional<Boolean> secretPlaceholders();

  /**
   * Compete for a Lease so that only one replica reconciles; on by default in a cluster, so that
   * two replicas (or an old pod during a rollout) never write at the same time.
   */
  @WithName("leader-election")
  @WithDefault("true")
  boolean leaderElection();

  /**
   * Put back, within seconds, what another field manager changed on a managed object (drift); a
   * drift that keeps coming back is corrected with backoff. Off: drift is only reported.
   */
  @WithName("self-heal")
  @WithDefault("true")
  boolean selfHeal();

  /**
   * Stop applying and pruning (an incident, a manual change that must stay for a while); drift and
   * what a sync would change are still reported. The annotation {@code helmsync.io/suspend: "true"}
   * on the inventory ConfigMap does the same without a restart.
   */
  @WithDefault("false")
  boolean suspend();

  /**
   * Fields that are never drift and that helmsync leaves to whoever owns them once the object
   * exists, as {@code apiVersion/Kind:dotted.path}, comma-separated ({@code
   * apps/v1/Deployment:spec.replicas} under an HPA).
   */
  @WithName("drift-ignore")
  Optional<java.util.List<String>> driftIgnore();

  /** Render and report, but write nothing to the cluster. */
  @WithName("dry-run")
  @WithDefault("false")
  boolean dryRun();

  /** Where checkouts live. */
  @WithName("work-dir")
  @WithDefault("${java.io.tmpdir}/helmsync")
  Path workDir();

  /**
   * Where charts downloaded from repositories and registries are kept, by digest, so that an
   * unchanged chart is fetched once; default {@code charts} under {@link #workDir()}.
   */
  @WithName("chart-cache")
  Optional<Path> chartCache();

  /** Push webhooks. */
  Webhook webhook();

  /** Push webhook settings: a push to the tracked branch triggers a reconcile at once. */
  interface Webhook {
    /** Shared secret for signatures (GitHub, Bitbucket, generic) or tokens (GitLab). */
    Optional<String> secret();

    /** A file holding the secret (a mounted Secret); read on every request, so rotation applies. */
    @WithName("secret-file")
    Optional<Path> secretFile();

    /** Deliveries accepted per second, on average; a burst of twice as many is allowed. */
    @WithName("rate-per-second")
    @WithDefault("5")
    int ratePerSecond();
  }

  /** Git settings. */
  interface Git {
    /**
     * Repository URL ({@code https://}, {@code git://} or {@code file://}); no credentials in it.
     */
    Optional<String> url();

    /** Branch, tag or commit sha to track. */
    @WithDefault("main")
    String ref();

    /** Sub-directory of the repository holding the helmfile state. */
    @WithDefault(".")
    String path();

    /** How often to poll the remote for a new commit and compare the cluster with Git. */
    @WithDefault("15s")
    Duration interval();
  }
}
