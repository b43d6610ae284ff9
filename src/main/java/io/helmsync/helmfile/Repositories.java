package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code repositories:} of every state file of one load, each name once. */
final class Repositories {
  private final List<Repository> repositories = new ArrayList<>();

  /** Adds the {@code repositories:} of one document of {@code name}. */
  void read(Map<String, Object> content, String name) {
    List<Object> entries = StateKeys.list(content.get("repositories"), name, "repositories");
    for (int i = 0; i < entries.size(); i++) {
      String where = name + " repositories[" + i + "]";
      Map<String, Object> f = StateKeys.map(entries.get(i), where, "repository");
      HelmfileKeys.REPOSITORY.check(f, where, "");
      add(
          where,
          new Repository(
              StateKeys.string(f.get("name"), where, "name"),
              StateKeys.string(f.get("url"), where, "url"),
              optional(f.get("username"), where, "username"),
              optional(f.get("password"), where, "password"),
              ReleaseReader.bool(f.get("oci"), false, where, "oci"),
              optional(f.get("caFile"), where, "caFile"),
              optional(f.get("certFile"), where, "certFile"),
              optional(f.get("keyFile"), where, "keyFile"),
              ReleaseReader.bool(f.get("skipTLSVerify"), false, where, "skipTLSVerify"),
              ReleaseReader.bool(f.get("passCredentials"), false, where, "passCredentials")));
    }
  }

  List<Repository> all() {
    return List.copyOf(repositories);
  }

  /**
   * A repository once, however many state files list it (a shared base usually does); the same name
   * with other settings is an error, since a chart could come from either.
   */
  private void add(String where, Repository repository) {
    for (Repository known : repositories) {
      if (known.name().equals(repository.name())) {
        if (!known.equals(repository)) {
          throw ReconcileException.stalled(
              where
                  + ": repository '"
                  + repository.name()
                  + "' is declared again with other settings; give it another name");
        }
        return;
      }
    }
    repositories.add(repository);
  }

  private static String optional(Object value, String where, String key) {
    return value == null ? null : StateKeys.string(value, where, key);
  }
}
