package io.helmsync.source;

import io.helmsync.model.ReconcileException;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * A {@link Source} whose every fetch is timed, for the {@code helmsync_git_fetch_duration_seconds}
 * histogram: a slow or failing Git server is the first thing to rule out when syncs lag.
 */
public final class MeasuredSource implements Source {
  private final Source source;
  private final BiConsumer<String, Duration> timings;

  /**
   * @param timings receives {@code success} or {@code failure} and how long the fetch took
   */
  public MeasuredSource(Source source, BiConsumer<String, Duration> timings) {
    this.source = source;
    this.timings = timings;
  }

  @Override
  public SourceSnapshot fetch(String lastRevision) {
    long started = System.nanoTime();
    try {
      SourceSnapshot snapshot = source.fetch(lastRevision);
      timings.accept("success", Duration.ofNanos(System.nanoTime() - started));
      return snapshot;
    } catch (ReconcileException e) {
      timings.accept("failure", Duration.ofNanos(System.nanoTime() - started));
      throw e;
    }
  }
}
