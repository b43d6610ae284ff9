package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP basic credentials for the Git server come from. They are resolved by {@link
 * #login()} before every fetch rather than once at start-up, so a rotated Kubernetes Secret mounted
 * as a directory is picked up without a restart.
 *
 * <p>A token is sent as the password of HTTP basic authentication. Its default user name {@value
 * #TOKEN_USERNAME} is what GitHub documents for app installation tokens and accepts for personal
 * access tokens; GitLab accepts any non-blank user name for personal, project and group access
 * tokens. Other servers need a specific user name, set it with {@code HELMSYNC_GIT_USERNAME} (or a
 * {@code username} file): {@code x-token-auth} for Bitbucket Cloud repository, project and
 * workspace access tokens, the account name for Bitbucket API tokens, the deploy token's user name
 * for GitLab deploy tokens.
 *
 * <p>{@link #toString()} of every implementation names the source, never a value.
 */
public sealed interface GitCredentials {
  /** Environment variable: user name for a password, or overriding {@value #TOKEN_USERNAME}. */
  String USERNAME_ENV = "HELMSYNC_GIT_USERNAME";

  /** Environment variable: password, used with {@link #USERNAME_ENV}. */
  String PASSWORD_ENV = "HELMSYNC_GIT_PASSWORD";

  /** Environment variable: access token, sent as the HTTP basic password. */
  String TOKEN_ENV = "HELMSYNC_GIT_TOKEN";

  /** Environment variable: directory of a mounted Secret with files {@code username}, etc. */
  String DIRECTORY_ENV = "HELMSYNC_GIT_CREDENTIALS_DIR";

  /** The user name sent with a token when none is given. */
  String TOKEN_USERNAME = "x-access-token";

  /** How to configure credentials, appended to error messages about them. */
  String HOW_TO_SET =
      "set "
          + TOKEN_ENV
          + " (and "
          + USERNAME_ENV
          + " if the server needs a specific user name), or "
          + USERNAME_ENV
          + " and "
          + PASSWORD_ENV
          + ", or mount a Secret with files token or username and password and set "
          + DIRECTORY_ENV
          + " to its directory";

  /**
   * The login to present now, or empty for anonymous access.
   *
   * @throws ReconcileException {@code STALLED} when a credentials directory is unusable
   */
  Optional<Login> login();

  /** Where the credentials come from, for messages (never a value). */
  String source();

  /**
   * Chooses the credentials from environment-like values; the caller passes {@code System.getenv()}
   * in production and a map in tests. A credentials directory wins over values, and a token wins
   * over a password, so exactly one source is used and named in errors.
   *
   * @throws IllegalArgumentException when a password is given without a user name
   */
  static GitCredentials from(Map<String, String> env) {
    String directory = nonBlank(env.get(DIRECTORY_ENV));
    String username = nonBlank(env.get(USERNAME_ENV));
    String token = nonBlank(env.get(TOKEN_ENV));
    String password = nonBlank(env.get(PASSWORD_ENV));
    if (directory != null) {
      return secretDirectory(Path.of(directory));
    }
    if (token != null) {
      return new Fixed(
          new Login(username == null ? TOKEN_USERNAME : username, token),
          "environment variable " + TOKEN_ENV + (username == null ? "" : " and " + USERNAME_ENV));
    }
    if (password != null) {
      if (username == null) {
        throw new IllegalArgumentException(
            PASSWORD_ENV
                + " is set but "
                + USERNAME_ENV
                + " is not; set both, or use "
                + TOKEN_ENV);
      }
      return new Fixed(
          new Login(username, password),
          "environment variables " + USERNAME_ENV + " and " + PASSWORD_ENV);
    }
    return anonymous();
  }

  /** No credentials: the server must allow anonymous reads. */
  static GitCredentials anonymous() {
    return new Anonymous();
  }

  /** A fixed login; {@code source} names where it came from, for error messages. */
  static GitCredentials fixed(String username, String password, String source) {
    return new Fixed(new Login(username, password), source);
  }

  /** Files {@code token}, or {@code username} and {@code password}, read on every fetch. */
  static GitCredentials secretDirectory(Path dir) {
    return new SecretDirectory(dir);
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A user name and password (or token) for HTTP basic authentication. */
  record Login(String username, String password) {
    public Login {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Login[username=" + username + ", password=<redacted>]";
    }
  }

  /** Anonymous access. */
  record Anonymous() implements GitCredentials {
    @Override
    public Optional<Login> login() {
      return Optional.empty();
    }

    @Override
    public String source() {
      return "no credentials";
    }
  }

  /** A login that does not change while the agent runs (environment variables, URL userinfo). */
  record Fixed(Login value, String source) implements GitCredentials {
    public Fixed {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public Optional<Login> login() {
      return Optional.of(value);
    }

    @Override
    public String toString() {
      return "GitCredentials[" + source + "]";
    }
  }

  /**
   * A mounted Kubernetes Secret. Values are stripped of surrounding whitespace because {@code
   * kubectl create secret --from-file} keeps the trailing newline most editors write.
   */
  record SecretDirectory(Path dir) implements GitCredentials {
    public SecretDirectory {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public Optional<Login> login() {
      Optional<String> username = read("username");
      Optional<String> token = read("token");
      if (token.isPresent()) {
        return Optional.of(new Login(username.orElse(TOKEN_USERNAME), token.get()));
      }
      Optional<String> password = read("password");
      if (password.isPresent() && username.isPresent()) {
        return Optional.of(new Login(username.get(), password.get()));
      }
      throw ReconcileException.stalled(
          "credentials directory "
              + dir
              + " ("
              + DIRECTORY_ENV
              + ") has no file token and no files username and password; "
              + HOW_TO_SET);
    }

    @Override
    public String source() {
      return "files in " + dir + " (" + DIRECTORY_ENV + ")";
    }

    private Optional<String> read(String name) {
      Path file = dir.resolve(name);
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      } catch (IOException e) {
        throw ReconcileException.stalled(
            "cannot read credentials file " + file + " (" + DIRECTORY_ENV + "): " + e, e);
      }
    }
  }
}
