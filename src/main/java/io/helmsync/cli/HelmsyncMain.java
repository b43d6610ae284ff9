package io.helmsync.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.Set;
import picocli.CommandLine;

/**
 * Entry point. Only the agent serves HTTP (health, metrics); the one-shot commands switch the
 * listener off before Quarkus starts, so that {@code helmsync render} never fails because port 8080
 * is taken by a running agent.
 */
@QuarkusMain
public class HelmsyncMain implements QuarkusApplication {
  private static final Set<String> ONE_SHOT_COMMANDS =
      Set.of("render", "build", "diff", "sync", "status", "template", "help");

  @Inject CommandLine.IFactory factory;

  public static void main(String... args) {
    if (isOneShot(args)) {
      System.setProperty("quarkus.http.host-enabled", "false");
    }
    Quarkus.run(HelmsyncMain.class, args);
  }

  static boolean isOneShot(String... args) {
    for (String arg : args) {
      if (ONE_SHOT_COMMANDS.contains(arg)
          || arg.equals("--help")
          || arg.equals("-h")
          || arg.equals("--version")
          || arg.equals("-V")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int run(String... args) {
    return new CommandLine(HelmsyncCommand.class, factory)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(HelmsyncMain::settingsError)
        .execute(args);
  }

  /**
   * A setting or argument that cannot work (IllegalArgumentException, whose message says which and
   * what to do) is one line on stderr and exit 1, not a stack trace; anything else propagates.
   */
  private static int settingsError(Exception e, CommandLine command, CommandLine.ParseResult parsed)
      throws Exception {
    if (!(e instanceof IllegalArgumentException)) {
      throw e;
    }
    command.getErr().println("helmsync " + command.getCommandName() + ": " + e.getMessage());
    return 1;
  }
}
