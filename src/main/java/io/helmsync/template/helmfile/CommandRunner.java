package io.helmsync.template.helmfile;

import static io.helmsync.template.golib.GoType.LIST;
import static io.helmsync.template.golib.GoType.MAP;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * helmfile's {@code exec} and {@code envExec}. In an agent a Git push must not run commands in the
 * cluster, so both refuse every command an operator has not listed; a listed one runs in the
 * directory of the file being rendered, with the agent's injected environment (never the JVM's
 * own), a time limit, and stdout as the result.
 */
final class CommandRunner {
  /** The setting an operator uses to allow commands, which refusals point to. */
  static final String ALLOW_SETTING = "HELMSYNC_TEMPLATE_ALLOWED_COMMANDS";

  private final Set<String> allowed;
  private final Duration timeout;
  private final Map<String, String> env;
  private final RepositoryFiles files;

  CommandRunner(
      Set<String> allowed, Duration timeout, Map<String, String> env, RepositoryFiles files) {
    this.allowed = Set.copyOf(allowed);
    this.timeout = timeout;
    this.env = Map.copyOf(env);
    this.files = files;
  }

  Functions functions() {
    return Functions.builder()
        .add(
            "exec",
            GoFunction.variadic(
                a -> run("exec", null, (String) a[0], (List<?>) a[1], input(a, 2)),
                STRING,
                LIST,
                STRING))
        .add(
            "envExec",
            GoFunction.variadic(
                a -> run("envExec", (Map<?, ?>) a[0], (String) a[1], (List<?>) a[2], input(a, 3)),
                MAP,
                STRING,
                LIST,
                STRING))
        .build();
  }

  /** helmfile reads only the first of the optional inputs. */
  private static String input(Object[] args, int first) {
    return args.length > first ? (String) args[first] : "";
  }

  private String run(
      String function, Map<?, ?> extraEnv, String command, List<?> args, String input) {
    if (!allowed.contains(command)) {
      throw new GoError(
          function
              + " "
              + GoQuote.quote(command)
              + " is disabled: helmsync runs "
              + "inside the cluster, where a Git push must not run commands; an operator can allow "
              + "this command by adding "
              + GoQuote.quote(command)
              + " to "
              + ALLOW_SETTING);
    }
    ProcessBuilder builder =
        new ProcessBuilder(commandLine(command, args)).directory(files.dir().toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(envStrings(extraEnv));
    return output(command, start(command, builder), input);
  }

  /** The command as helmfile resolves it: a path (with a slash) relative to the template's dir. */
  private List<String> commandLine(String command, List<?> args) {
    List<String> line = new ArrayList<>();
    line.add(command.contains("/") ? files.resolve(command).toString() : command);
    for (int i = 0; i < args.size(); i++) {
      if (!(args.get(i) instanceof String arg)) {
        throw new GoError(
            "unexpected type of arg \""
                + GoValues.typeName(args.get(i))
                + "\" in args "
                + GoPrint.value(args)
                + " at index "
                + i);
      }
      line.add(arg);
    }
    return line;
  }

  /** helmfile's check that every extra variable is a string. */
  private static Map<String, String> envStrings(Map<?, ?> extraEnv) {
    if (extraEnv == null) {
      return Map.of();
    }
    Map<String, String> checked = new LinkedHashMap<>();
    extraEnv.forEach(
        (k, v) -> {
          if (!(v instanceof String s)) {
            throw new GoError(
                "unexpected type of env \""
                    + GoValues.typeName(v)
                    + "\" in envs "
                    + GoPrint.value(extraEnv)
                    + " at index "
                    + k);
          }
          checked.put(String.valueOf(k), s);
        });
    return checked;
  }

  private static Process start(String command, ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new GoError("exec: " + GoQuote.quote(command) + ": " + e.getMessage(), e);
    }
  }

  /** Writes the input, waits within the time limit, returns stdout or fails with stderr. */
  private String output(String command, Process process, String input) {
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GoError(
          "failed while writing "
              + input.length()
              + " bytes to stdin of \""
              + command
              + "\": "
              + e.getMessage(),
          e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new GoError(
            "command "
                + GoQuote.quote(command)
                + " did not finish within "
                + timeout.toMillis()
                + "ms and was killed");
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new GoError("command " + GoQuote.quote(command) + " was interrupted", e);
    }
    if (process.exitValue() != 0) {
      throw new GoError(
          "command "
              + GoQuote.quote(command)
              + " failed: exit status "
              + process.exitValue()
              + ": "
              + stderr.join().strip());
    }
    return stdout.join();
  }

  /** The command and whatever it started, so no child outlives the render. */
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
