package io.helmsync.secret.sops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code age} and {@code age-keygen} (Debian's age package); tests skip without them. */
final class AgeTool {
  private AgeTool() {}

  /** A new identity from {@code age-keygen}: the key file's text and its public recipient. */
  record Identity(String keyFile, String recipient) {}

  static void assumeInstalled() {
    assumeTrue(onPath("age") && onPath("age-keygen"), "age is not installed");
  }

  static Identity keygen() throws IOException, InterruptedException {
    String keyFile = new String(run(List.of("age-keygen"), new byte[0]), StandardCharsets.UTF_8);
    String recipient =
        keyFile
            .lines()
            .filter(line -> line.startsWith("# public key: "))
            .findFirst()
            .orElseThrow()
            .substring("# public key: ".length());
    return new Identity(keyFile, recipient);
  }

  /** {@code age --armor} of {@code plaintext} for the recipients, as sops' age key source does. */
  static String encrypt(byte[] plaintext, String... recipients)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("age", "--armor"));
    for (String recipient : recipients) {
      command.add("-r");
      command.add(recipient);
    }
    return new String(run(command, plaintext), StandardCharsets.UTF_8);
  }

  private static byte[] run(List<String> command, byte[] stdin)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Thread writer =
        new Thread(
            () -> {
              try (var in = process.getOutputStream()) {
                in.write(stdin);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    writer.start();
    byte[] out = process.getInputStream().readAllBytes();
    writer.join();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed");
    }
    return out;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
