package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.Trigger;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A line logged while a stage runs says which environment, revision and stage it is about. */
class LogFieldsTest {
  private static final Logger LOG = Logger.getLogger(LogFieldsTest.class);
  private static final java.util.logging.Logger HELMSYNC =
      java.util.logging.Logger.getLogger("io.helmsync");

  @TempDir Path repo;
  private final List<ExtLogRecord> records = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          ExtLogRecord ext = (ExtLogRecord) record;
          ext.copyAll(); // the MDC is read when the line is written, not later when the test
          // asserts
          records.add(ext);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    HELMSYNC.addHandler(capture);
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml", "releases:\n- name: app\n  chart: ./m\n",
            "m/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"));
  }

  @AfterEach
  void stopListening() {
    HELMSYNC.removeHandler(capture);
  }

  @Test
  void linesLoggedDuringFetchAndApplyCarryTheirStageAndNothingIsLeftAfter() {
    Source source =
        last -> {
          LOG.info("fetching");
          return new SourceSnapshot("file://repo", "main", "r1", repo, false);
        };
    ClusterSync cluster =
        desired -> {
          LOG.info("applying");
          return ChangeSet.empty();
        };
    Reconciler reconciler =
        new Reconciler(
            source,
            new HelmfileLoader(StateOptions.of("helmfile.yaml", "demo", Map.of())),
            new ReleasePlanner("demo"),
            new ManifestDirectoryRenderer(),
            Optional.of(cluster),
            "default");

    assertThat(reconciler.reconcile(Trigger.of(Trigger.Cause.POLL), null).succeeded()).isTrue();
    LOG.info("after");

    assertThat(fields("fetching"))
        .containsEntry("environment", "default")
        .containsEntry("stage", "fetch")
        .doesNotContainKey("revision");
    assertThat(fields("applying"))
        .containsEntry("environment", "default")
        .containsEntry("stage", "apply")
        .containsEntry("revision", "r1");
    assertThat(fields("after")).doesNotContainKeys("environment", "stage", "revision");
  }

  private Map<String, String> fields(String message) {
    return records.stream()
        .filter(r -> r.getMessage().equals(message))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no line "
                        + message
                        + " among "
                        + records.stream().map(ExtLogRecord::getMessage).toList()))
        .getMdcCopy();
  }
}
