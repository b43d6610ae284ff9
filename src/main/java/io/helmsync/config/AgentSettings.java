package io.helmsync.config;

import io.helmsync.source.GitUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of one run: {@link HelmsyncConfig} as read at start-up, with whatever the command
 * line overrides. Passed to the components that need them instead of looking config up.
 *
 * @param environment the helmfile environment
 * @param namespace the namespace helmsync manages
 * @param repoDir a local directory to read instead of Git
 * @param gitUrl the repository URL when reading from Git
 * @param gitRef the tracked branch, tag or sha
 * @param gitPath sub-directory of the repository holding the state
 * @param helmfile the state file name inside {@code gitPath}
 * @param interval poll interval
 * @param prune whether objects Git no longer declares are deleted
 * @param dryRun render and report only
 * @param workDir where checkouts live
 */
public record AgentSettings(
    String environment,
    String namespace,
    Optional<Path> repoDir,
    Optional<String> gitUrl,
    String gitRef,
    String gitPath,
    String helmfile,
    Duration interval,
    boolean prune,
    boolean dryRun,
    Path workDir) {

  /** Where a pod finds its own namespace. */
  static final Path POD_NAMESPACE_FILE =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

  public static AgentSettings from(HelmsyncConfig config) {
    return new AgentSettings(
        config.environment(),
        config.namespace().orElseGet(() -> podNamespace().orElse(config.environment())),
        config.repo(),
        config.git().url(),
        config.git().ref(),
        config.git().path(),
        config.helmfile(),
        config.git().interval(),
        config.prune(),
        config.dryRun(),
        config.workDir());
  }

  private static Optional<String> podNamespace() {
    try {
      return Files.exists(POD_NAMESPACE_FILE)
          ? Optional.of(Files.readString(POD_NAMESPACE_FILE).trim())
          : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The state file relative to the repository root. */
  public String stateFile() {
    return gitPath.equals(".") || gitPath.isEmpty() ? helmfile : gitPath + "/" + helmfile;
  }

  /** Where the state comes from, for messages and metrics (never with credentials). */
  public String sourceDescription() {
    return repoDir
        .map(Path::toString)
        .orElseGet(() -> gitUrl.map(GitUrl::withoutCredentials).orElse("(none)"));
  }

  /** Reads a local directory instead of Git. */
  public AgentSettings withRepoDir(Path dir) {
    return new AgentSettings(
        environment,
        namespace,
        Optional.of(dir),
        Optional.empty(),
        gitRef,
        gitPath,
        helmfile,
        interval,
        prune,
        dryRun,
        workDir);
  }

  public AgentSettings withGitUrl(String url) {
    return new AgentSettings(
        environment,
        namespace,
        Optional.empty(),
        Optional.of(url),
        gitRef,
        gitPath,
        helmfile,
        interval,
        prune,
        dryRun,
        workDir);
  }

  public AgentSettings withGitRef(String ref) {
    return new AgentSettings(
        environment,
        namespace,
        repoDir,
        gitUrl,
        ref,
        gitPath,
        helmfile,
        interval,
        prune,
        dryRun,
        workDir);
  }

  public AgentSettings withEnvironment(String env) {
    return new AgentSettings(
        env, namespace, repoDir, gitUrl, gitRef, gitPath, helmfile, interval, prune, dryRun,
        workDir);
  }

  public AgentSettings withNamespace(String ns) {
    return new AgentSettings(
        environment,
        ns,
        repoDir,
        gitUrl,
        gitRef,
        gitPath,
        helmfile,
        interval,
        prune,
        dryRun,
        workDir);
  }

  public AgentSettings withInterval(Duration every) {
    return new AgentSettings(
        environment,
        namespace,
        repoDir,
        gitUrl,
        gitRef,
        gitPath,
        helmfile,
        every,
        prune,
        dryRun,
        workDir);
  }

  public AgentSettings withDryRun(boolean dry) {
    return new AgentSettings(
        environment,
        namespace,
        repoDir,
        gitUrl,
        gitRef,
        gitPath,
        helmfile,
        interval,
        prune,
        dry,
        workDir);
  }
}
