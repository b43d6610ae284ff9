package io.helmsync.cli;

import io.helmsync.config.AgentSettings;
import io.helmsync.config.HelmsyncConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where the state is and which environment to deploy. */
public class SourceOptions {

  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Read the helmfile state from this local directory instead of Git.")
  Path repo;

  @Option(
      names = "--git-url",
      paramLabel = "URL",
      description = "Git repository to track (default: $HELMSYNC_GIT_URL).")
  String gitUrl;

  @Option(names = "--ref", paramLabel = "REF", description = "Branch, tag or sha (default: main).")
  String ref;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "ENV",
      description = "helmfile environment to deploy (default: $HELMSYNC_ENVIRONMENT).")
  String environment;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Namespace to manage (default: $HELMSYNC_NAMESPACE, else the environment name).")
  String namespace;

  /** The configured settings with these options applied on top. */
  AgentSettings apply(HelmsyncConfig config) {
    AgentSettings settings = AgentSettings.from(config);
    if (environment != null) {
      settings = settings.withEnvironment(environment);
      if (config.namespace().isEmpty() && namespace == null) {
        settings = settings.withNamespace(environment);
      }
    }
    if (namespace != null) {
      settings = settings.withNamespace(namespace);
    }
    if (repo != null) {
      settings = settings.withRepoDir(repo.toAbsolutePath().normalize());
    }
    if (gitUrl != null) {
      settings = settings.withGitUrl(gitUrl);
    }
    if (ref != null) {
      settings = settings.withGitRef(ref);
    }
    return settings;
  }
}
