package io.helmsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A server process listening on a free port of 127.0.0.1, started and stopped by a fixture. The
 * port is chosen by binding port 0 and releasing it; another process may grab it in between, so the
 * start is retried on a fresh port when the server exits before it accepts connections.
 */
final class GitServerProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(15);
  private static final int ATTEMPTS = 3;

  private final Process process;
  private final int port;

  private GitServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the command that {@code commandForPort} builds and waits until it accepts connections.
   *
   * @param log file receiving the server's stdout and stderr, quoted when the start fails
   */
  static GitServerProcess start(IntFunction<List<String>> commandForPort, Path log) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        Process process =
            new ProcessBuilder(commandForPort.apply(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (awaitListening(process, port)) {
          return new GitServerProcess(process, port);
        }
        stop(process);
        last =
            new IllegalStateException("server did not listen on port " + port + ":\n" + read(log));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + commandForPort.apply(port), e);
      }
    }
    throw last;
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    stop(process);
  }

  private static boolean awaitListening(Process process, int port) {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException notYet) {
        sleep();
      }
    }
    return false;
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }
}
