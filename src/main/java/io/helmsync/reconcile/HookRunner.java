package io.helmsync.reconcile;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.helmsync.apply.ApiErrors;
import io.helmsync.cluster.HealthWaiter;
import io.helmsync.model.Hook;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.ReconcileException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs a release's Helm hooks for one event, as Helm does: in order of weight, then kind and name;
 * the object an earlier run left behind is deleted first ({@code before-hook-creation}, the
 * default), Jobs and Pods are waited for until they complete or fail, and {@code hook-succeeded} or
 * {@code hook-failed} delete them afterwards. The first hook that fails stops the event. Hook
 * objects are not in the inventory: they are run, not managed, so a prune never touches them.
 */
final class HookRunner {
  static final String BEFORE_HOOK_CREATION = "before-hook-creation";
  static final String HOOK_SUCCEEDED = "hook-succeeded";
  static final String HOOK_FAILED = "hook-failed";
  private static final Duration DELETE_POLL = Duration.ofMillis(200);
  private static final Comparator<Hook> HELM_ORDER =
      Comparator.comparingInt(Hook::weight)
          .thenComparing(hook -> hook.manifest().ref().kind())
          .thenComparing(hook -> hook.manifest().ref().name());

  private final KubernetesClient client;
  private final HealthWaiter waiter;
  private final String environment;
  private final HealthWaiter.Sleeper sleeper;

  HookRunner(
      KubernetesClient client,
      HealthWaiter waiter,
      String environment,
      HealthWaiter.Sleeper sleeper) {
    this.client = client;
    this.waiter = waiter;
    this.environment = environment;
    this.sleeper = sleeper;
  }

  static HookRunner create(KubernetesClient client, HealthWaiter waiter, String environment) {
    return new HookRunner(client, waiter, environment, d -> Thread.sleep(d.toMillis()));
  }

  /** The hooks of {@code hooks} that run at {@code event}, in the order Helm runs them. */
  static List<Hook> at(String event, List<Hook> hooks) {
    return hooks.stream().filter(hook -> hook.events().contains(event)).sorted(HELM_ORDER).toList();
  }

  /**
   * Runs every hook of {@code hooks} that is declared for {@code event}.
   *
   * @param timeout how long each Job or Pod may take (the release's timeout, as in Helm)
   * @return empty when all succeeded, else why the first one failed, naming it and the event
   * @throws ReconcileException when the API server refuses or fails a request
   */
  Optional<String> run(String event, List<Hook> hooks, Duration timeout) {
    for (Hook hook : at(event, hooks)) {
      Optional<String> failure = runOne(event, hook, timeout);
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  private Optional<String> runOne(String event, Hook hook, Duration timeout) {
    ObjectRef ref = hook.manifest().ref();
    Resource<GenericKubernetesResource> resource =
        client.resource(
            client
                .getKubernetesSerialization()
                .convertValue(hook.manifest().body(), GenericKubernetesResource.class));
    try {
      if (hook.deletePolicies().contains(BEFORE_HOOK_CREATION)) {
        deleteLeftover(ref, resource, timeout);
      }
      resource.fieldManager(Ownership.FIELD_MANAGER).forceConflicts().serverSideApply();
      Optional<String> problem =
          runsToCompletion(ref)
              ? waiter
                  .await(List.of(hook.manifest()), timeout)
                  .map(HealthWaiter.NotHealthy::message)
              : Optional.empty();
      String policy = problem.isEmpty() ? HOOK_SUCCEEDED : HOOK_FAILED;
      if (hook.deletePolicies().contains(policy)) {
        resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      }
      return problem.map(why -> "hook " + ref + " (" + event + ") failed: " + why);
    } catch (KubernetesClientException e) {
      throw ApiErrors.failure(ref, event + " hook", e);
    }
  }

  /** Helm waits for Jobs and Pods only; any other hook object is done once created. */
  private static boolean runsToCompletion(ObjectRef ref) {
    return ref.kind().equals("Job") && ref.apiVersion().equals("batch/v1")
        || ref.kind().equals("Pod") && ref.apiVersion().equals("v1");
  }

  /**
   * Deletes the object a previous run left, and waits until it is gone (a Job's finalizers may keep
   * it a moment), so that the new run starts from a fresh object. An object of that name that is
   * not helmsync's is left alone and fails the hook.
   */
  private void deleteLeftover(
      ObjectRef ref, Resource<GenericKubernetesResource> resource, Duration timeout) {
    GenericKubernetesResource live = resource.get();
    if (live == null) {
      return;
    }
    if (!Ownership.ownedBy(live.getMetadata().getLabels(), environment)) {
      throw ReconcileException.stalled(
          ref
              + ": a hook of this name exists and is not labelled as "
              + "helmsync's for environment "
              + environment
              + "; rename the hook or delete the object");
    }
    resource.withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (resource.get() != null) {
      if (System.nanoTime() >= deadline) {
        throw ReconcileException.transientError(
            ref
                + ": the previous run of this hook was not "
                + "deleted within "
                + timeout.toSeconds()
                + "s; check its finalizers",
            null);
      }
      pause();
    }
  }

  private void pause() {
    try {
      sleeper.sleep(DELETE_POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ReconcileException.transientError("interrupted while deleting a hook", e);
    }
  }
}
