package io.helmsync.reconcile;

import io.helmsync.helmfile.PlannedRelease;
import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.Ownership;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.WaitPolicy;
import io.helmsync.render.RenderedRelease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the {@link DesiredState} of a revision from rendered releases: every object and hook gets
 * helmsync's ownership labels and its release namespace, and an object declared twice is an error
 * naming both places, since applying both would make them overwrite each other on every reconcile.
 */
final class DesiredStates {
  private DesiredStates() {}

  /**
   * @param planned the releases as planned, in the order of {@code rendered}: their needs and wait
   *     settings go with the objects
   */
  static DesiredState of(
      String environment,
      String revision,
      List<PlannedRelease> planned,
      List<RenderedRelease> rendered) {
    Map<String, String> declaredIn = new HashMap<>();
    List<DesiredRelease> releases = new ArrayList<>();
    for (int i = 0; i < rendered.size(); i++) {
      RenderedRelease release = rendered.get(i);
      PlannedRelease plan = planned.get(i);
      List<Manifest> objects = new ArrayList<>();
      for (Manifest manifest : withCrds(release)) {
        Manifest owned =
            Ownership.label(manifest, environment, release.name(), release.namespace(), revision);
        String where = "release " + release.name() + " (" + manifest.source() + ")";
        String earlier = declaredIn.putIfAbsent(owned.ref().id(), where);
        if (earlier != null) {
          throw ReconcileException.stalled(
              owned.ref()
                  + ": declared twice, in "
                  + earlier
                  + " and in "
                  + where
                  + "; keep one of them");
        }
        objects.add(owned);
      }
      WaitPolicy wait =
          new WaitPolicy(
              plan.settings().waitForResources(),
              plan.settings().timeout(),
              plan.settings().atomic());
      releases.add(
          new DesiredRelease(
              release.name(),
              release.namespace(),
              objects,
              plan.needs(),
              wait,
              hooks(environment, revision, release),
              release.chart()));
    }
    return new DesiredState(environment, revision, releases);
  }

  /**
   * The release's objects after the CustomResourceDefinitions of its charts' {@code crds/}
   * directories, which Helm installs first and never deletes: deleting a CRD deletes every custom
   * resource of its kind in the cluster, so these are marked never to be pruned. Unlike Helm, which
   * installs them once and never upgrades them, helmsync keeps them as Git has them (as Flux's
   * {@code CreateReplace} and Argo CD do).
   */
  private static List<Manifest> withCrds(RenderedRelease release) {
    return Stream.concat(
            release.crds().stream().map(Ownership::neverPruned), release.manifests().stream())
        .toList();
  }

  /**
   * The release's hooks with the same ownership labels as its objects, so that a hook left behind
   * by an earlier run is recognised as helmsync's before it is replaced.
   */
  private static List<Hook> hooks(String environment, String revision, RenderedRelease release) {
    return release.hooks().stream()
        .map(
            hook ->
                new Hook(
                    Ownership.label(
                        hook.manifest(),
                        environment,
                        release.name(),
                        release.namespace(),
                        revision),
                    hook.events(),
                    hook.weight(),
                    hook.deletePolicies()))
        .toList();
  }
}
