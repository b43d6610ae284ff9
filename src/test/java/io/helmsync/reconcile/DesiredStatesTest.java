package io.helmsync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.helmfile.ReleaseSettings;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.render.RenderedRelease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DesiredStatesTest {
  private static Manifest manifest(String kind, String name) {
    return new Manifest(
        new ObjectRef("v1", kind, "", name),
        Map.of("apiVersion", "v1", "kind", kind, "metadata", Map.of("name", name)),
        name + ".yaml");
  }

  @Test
  void hooksGoWithTheReleaseLabelledButApartFromItsObjectsAndAtomicFromItsSettings() {
    ReleaseSettings settings =
        new ReleaseSettings(true, false, Duration.ofSeconds(42), true, true, false, false);
    PlannedRelease plan =
        new PlannedRelease(
            "api",
            "demo",
            "./chart",
            "",
            Path.of("."),
            Map.of(),
            List.of(),
            Map.of(),
            settings,
            "helmfile.yaml",
            List.of());
    Hook hook =
        new Hook(manifest("Pod", "migrate"), List.of("pre-install"), 3, List.of("hook-succeeded"));
    RenderedRelease rendered =
        new RenderedRelease(
            "api",
            "demo",
            List.of(manifest("ConfigMap", "settings")),
            List.of(hook),
            List.of(),
            "");

    DesiredState desired = DesiredStates.of("prod", "r9", List.of(plan), List.of(rendered));

    DesiredRelease release = desired.releases().get(0);
    assertThat(release.objects())
        .extracting(object -> object.ref().name())
        .containsExactly("settings");
    assertThat(release.waitPolicy().atomic()).isTrue();
    assertThat(release.waitPolicy().timeout()).isEqualTo(Duration.ofSeconds(42));
    Hook labelled = release.hooks().get(0);
    assertThat(labelled.manifest().ref()).isEqualTo(new ObjectRef("v1", "Pod", "demo", "migrate"));
    assertThat(labelled.manifest().body().get("metadata").toString())
        .contains(Ownership.ENVIRONMENT + "=prod", Ownership.RELEASE + "=api");
    assertThat(labelled)
        .extracting(Hook::events, Hook::weight, Hook::deletePolicies)
        .containsExactly(List.of("pre-install"), 3, List.of("hook-succeeded"));
  }

  @Test
  void crdsFromTheChartsCrdsDirectoryComeFirstLabelledAndAreNeverPruned() {
    PlannedRelease plan =
        new PlannedRelease(
            "operator",
            "demo",
            "./chart",
            "",
            Path.of("."),
            Map.of(),
            List.of(),
            Map.of(),
            ReleaseSettings.HELM_DEFAULTS,
            "helmfile.yaml",
            List.of());
    Manifest crd =
        new Manifest(
            new ObjectRef(
                "apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.acme.io"),
            Map.of(
                "apiVersion",
                "apiextensions.k8s.io/v1",
                "kind",
                "CustomResourceDefinition",
                "metadata",
                Map.of("name", "widgets.acme.io")),
            "crds/widgets.yaml");
    RenderedRelease rendered =
        new RenderedRelease(
            "operator",
            "demo",
            List.of(manifest("Deployment", "operator")),
            List.of(),
            List.of(crd),
            "");

    DesiredRelease release =
        DesiredStates.of("prod", "r1", List.of(plan), List.of(rendered)).releases().get(0);

    assertThat(release.objects())
        .extracting(object -> object.ref().name())
        .containsExactly("widgets.acme.io", "operator");
    assertThat(metadata(release.objects().get(0), "annotations"))
        .containsEntry(Ownership.PRUNE, Ownership.DISABLED);
    assertThat(metadata(release.objects().get(0), "labels"))
        .containsEntry(Ownership.RELEASE, "operator");
    assertThat(release.objects().get(0).ref().namespace()).as("cluster-scoped").isEmpty();
    assertThat(metadata(release.objects().get(1), "annotations"))
        .doesNotContainKey(Ownership.PRUNE);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(Manifest object, String field) {
    return (Map<String, Object>) ((Map<String, Object>) object.body().get("metadata")).get(field);
  }
}
