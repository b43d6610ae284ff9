package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.apply.Ownership;
import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.ReleaseSettings;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Hook;
import io.helmsync.render.RenderedRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStatesTest {
  private static Manifest manifest(String kind, String name) {
    return new Manifest(new ObjectRef("v1", kind, "", name),
        Map.of("apiVersion", "v1", "kind", kind, "metadata", Map.of("name", name)), name + ".yaml");
  }

  @Test
  void hooksGoWithTheReleaseLabelledButApartFromItsObjectsAndAtomicFromItsSettings() {
    ReleaseSettings settings = new ReleaseSettings(true, false, Duration.ofSeconds(42), true, true,
        false, false);
    PlannedRelease plan = new PlannedRelease("api", "demo", "./chart", "", Path.of("."), Map.of(),
        List.of(), Map.of(), settings, "helmfile.yaml", List.of());
    Hook hook = new Hook(manifest("Pod", "migrate"), List.of("pre-install"), 3,
        List.of("hook-succeeded"));
    RenderedRelease rendered = new RenderedRelease("api", "demo",
        List.of(manifest("ConfigMap", "settings")), List.of(hook), List.of());

    DesiredState desired = DesiredStates.of("prod", "r9", List.of(plan), List.of(rendered));

    DesiredRelease release = desired.releases().get(0);
    assertThat(release.objects()).extracting(object -> object.ref().name())
        .containsExactly("settings");
    assertThat(release.waitPolicy().atomic()).isTrue();
    assertThat(release.waitPolicy().timeout()).isEqualTo(Duration.ofSeconds(42));
    Hook labelled = release.hooks().get(0);
    assertThat(labelled.manifest().ref()).isEqualTo(new ObjectRef("v1", "Pod", "demo", "migrate"));
    assertThat(labelled.manifest().body().get("metadata").toString())
        .contains(Ownership.ENVIRONMENT + "=prod", Ownership.RELEASE + "=api");
    assertThat(labelled).extracting(Hook::events, Hook::weight, Hook::deletePolicies)
        .containsExactly(List.of("pre-install"), 3, List.of("hook-succeeded"));
  }
}
