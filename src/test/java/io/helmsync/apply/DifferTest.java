package io.helmsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.model.Action;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.YamlDocuments;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.testing.ApplyMockServer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DifferTest {
  private static final String PASSWORD = "hunter2-db-password";
  private static final String NEW_PASSWORD = "correct-horse-battery";
  private ApplyMockServer server;
  private Differ differ;

  @BeforeEach
  void start() {
    server = ApplyMockServer.start();
    differ = new Differ(server.client(), "demo", DriftPolicy.none(), PruneOptions.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Manifest manifest(String yaml) {
    var body = YamlDocuments.parse(yaml, "t.yaml").get(0).content();
    return Ownership.label(
        new Manifest(ManifestDirectoryRenderer.refOf(body, "t.yaml"), body, "t.yaml"),
        "demo",
        "app",
        "demo",
        "r1");
  }

  private static DesiredState state(String level, String password) {
    String encoded = Base64.getEncoder().encodeToString(password.getBytes());
    return new DesiredState(
        "demo",
        "r1",
        List.of(
            new DesiredRelease(
                "app",
                "demo",
                List.of(
                    manifest(
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata:\n  LOG_LEVEL: "
                            + level
                            + "\n  DB_HOST: postgres\n"),
                    manifest(
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  password: "
                            + encoded
                            + "\n  user: b3JjaGVzdHJhdGU=\n")))));
  }

  /** The diff against an inventory of the two objects {@link #state} declares. */
  private List<ObjectDiff> diff(DesiredState desired, List<ObjectRef> stale) {
    return differ.diff(desired, stale, 2, ApplyOptions.defaults()).changes();
  }

  @Test
  void beforeTheFirstApplyEverythingWouldBeCreated() {
    List<ObjectDiff> diffs = diff(state("info", PASSWORD), List.of());
    assertThat(diffs)
        .extracting(ObjectDiff::action)
        .containsExactly(Action.CREATED, Action.CREATED);
    assertThat(diffs.get(0).unified()).contains("+  LOG_LEVEL: info");
    assertThat(server.dispatcher().writes()).isEmpty();
  }

  @Test
  void inSyncMeansNoDiffAndAChangeShowsOnlyItsLines() {
    new ServerSideApplier(server.client()).apply(state("info", PASSWORD), ApplyOptions.defaults());
    assertThat(diff(state("info", PASSWORD), List.of())).isEmpty();
    server.dispatcher().clearRequests();

    List<ObjectDiff> diffs = diff(state("debug", PASSWORD), List.of());

    assertThat(diffs)
        .singleElement()
        .satisfies(
            diff -> {
              assertThat(diff.ref()).hasToString("ConfigMap/demo/settings");
              assertThat(diff.unified())
                  .contains("--- live ConfigMap/demo/settings (configured, release app)")
                  .contains("-  LOG_LEVEL: info")
                  .contains("+  LOG_LEVEL: debug")
                  .doesNotContain("+  DB_HOST")
                  .doesNotContain("managedFields");
            });
    assertThat(server.dispatcher().writes())
        .extracting(r -> r.path())
        .allMatch(path -> path.contains("dryRun=All"));
    assertThat(
            server.client().configMaps().inNamespace("demo").withName("settings").get().getData())
        .containsEntry("LOG_LEVEL", "info");
  }

  @Test
  void secretValuesNeverAppearOnlyThatTheyChanged() {
    new ServerSideApplier(server.client()).apply(state("info", PASSWORD), ApplyOptions.defaults());

    String text = diff(state("info", NEW_PASSWORD), List.of()).get(0).unified();

    assertThat(text)
        .contains("-  password: '*** (before)'")
        .contains("+  password: '*** (after)'")
        .doesNotContain(PASSWORD)
        .doesNotContain(NEW_PASSWORD)
        .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes()))
        .doesNotContain(Base64.getEncoder().encodeToString(NEW_PASSWORD.getBytes()))
        .doesNotContain("b3JjaGVzdHJhdGU=");
  }

  @Test
  void staleObjectsShowAsDeletions() {
    new ServerSideApplier(server.client()).apply(state("info", PASSWORD), ApplyOptions.defaults());
    DesiredState withoutSecret =
        new DesiredState(
            "demo",
            "r2",
            List.of(
                new DesiredRelease(
                    "app", "demo", List.of(state("info", PASSWORD).objects().get(0)))));

    List<ObjectDiff> diffs =
        diff(withoutSecret, List.of(new ObjectRef("v1", "Secret", "demo", "db")));

    assertThat(diffs)
        .singleElement()
        .satisfies(
            diff -> {
              assertThat(diff.action()).isEqualTo(Action.DELETED);
              assertThat(diff.unified())
                  .contains("-kind: Secret")
                  .contains("-  password: '*** (before)'")
                  .doesNotContainPattern("(?m)^\\+(?!\\+\\+ )");
            });
  }
}
