package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.ChangeSet;
import io.helmsync.model.Reason;
import io.helmsync.model.Trigger;
import io.helmsync.reconcile.ReconcileResult.Outcome;
import io.helmsync.render.ManifestDirectoryRenderer;
import io.helmsync.secret.SecretResolver;
import io.helmsync.source.Source;
import io.helmsync.source.SourceSnapshot;
import io.helmsync.testing.FakeSecretsManager;
import io.helmsync.testing.RepoFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A revision stalled on a missing secret is applied once the secret exists, without a commit. */
class SecretRotationTest {
  @TempDir Path repo;
  private final FakeSecretsManager aws = new FakeSecretsManager();
  private final SecretResolver secrets =
      SecretResolver.of(region -> aws.client(), null, Duration.ofMinutes(5));
  private final Source source =
      last -> new SourceSnapshot("file://repo", "main", "r1", repo, "r1".equals(last));

  @AfterEach
  void stop() {
    aws.close();
  }

  private Reconciler reconciler() {
    StateOptions options = StateOptions.of("helmfile.yaml", "demo", Map.of()).withSecrets(secrets);
    return new Reconciler(
        source,
        new HelmfileLoader(options),
        new ReleasePlanner("demo"),
        new ManifestDirectoryRenderer(),
        Optional.of(desired -> ChangeSet.empty()),
        "default");
  }

  @Test
  void aSecretCreatedLaterIsFoundByRefreshAndReconciled() {
    RepoFiles.write(
        repo,
        Map.of(
            "helmfile.yaml",
            "releases:\n- name: app\n  chart: ./m\n"
                + "  values: [{password: ref+awssecrets://orchestrate/db}]\n",
            "m/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"));
    Reconciler reconciler = reconciler();

    ReconcileResult stalled = reconciler.reconcile(Trigger.of(Trigger.Cause.POLL), null);
    assertThat(stalled.failureReason()).contains(Reason.STALLED);
    assertThat(reconciler.reconcile(Trigger.of(Trigger.Cause.POLL), stalled).outcome())
        .isEqualTo(Outcome.SKIPPED);
    assertThat(secrets.refresh()).isFalse();

    aws.put("orchestrate/db", "v1");
    assertThat(secrets.refresh()).isTrue();
    ReconcileResult rotated =
        reconciler.reconcile(Trigger.of(Trigger.Cause.SECRET_ROTATION), stalled);

    assertThat(rotated.outcome()).isEqualTo(Outcome.SYNCED);
    assertThat(rotated.trigger().cause().label()).isEqualTo("secret-rotation");
  }
}
