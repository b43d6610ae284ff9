package io.helmsync.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the Job and Deployment controllers that the mock API server does not run: a thread
 * that, every few milliseconds, finishes each new Job (Complete, or Failed for the names given to
 * {@link #failJob}) and, while {@link #rollOut} is on, marks each Deployment's latest generation as
 * rolled out. Every Job it finishes is recorded, so tests can count how often a hook ran.
 *
 * <pre>{@code
 * try (FakeControllers controllers = FakeControllers.start(server.client(), "demo")) { ... }
 * }</pre>
 */
public final class FakeControllers implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  /** Job names by uid, in the order first finished: a Job whose update failed is finished again. */
  private final Map<String, String> finishedJobs =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());

  private final Thread thread;
  private volatile boolean rollOut = true;
  private volatile boolean running = true;

  private FakeControllers(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.thread = new Thread(this::loop, "fake-controllers");
    thread.setDaemon(true);
  }

  public static FakeControllers start(KubernetesClient client, String namespace) {
    FakeControllers controllers = new FakeControllers(client, namespace);
    controllers.thread.start();
    return controllers;
  }

  /** Jobs of this name fail from now on, as a hook whose command exits non-zero. */
  public void failJob(String name) {
    failing.add(name);
  }

  /** Jobs fail no more: the hook was fixed. */
  public void clearFailures() {
    failing.clear();
  }

  /** Whether Deployments roll out from now on; when off, their status stays as it is. */
  public void rollOut(boolean on) {
    rollOut = on;
  }

  /** The names of the Jobs finished so far, one entry per Job object, in order. */
  public List<String> finishedJobs() {
    synchronized (finishedJobs) {
      return List.copyOf(finishedJobs.values());
    }
  }

  private void loop() {
    while (running) {
      try {
        client.batch().v1().jobs().inNamespace(namespace).list().getItems().stream()
            .filter(job -> job.getStatus() == null || job.getStatus().getConditions().isEmpty())
            .forEach(this::finish);
        if (rollOut) {
          client.apps().deployments().inNamespace(namespace).list().getItems().forEach(this::roll);
        }
        Thread.sleep(25);
      } catch (InterruptedException e) {
        return;
      } catch (KubernetesClientException e) {
        // The object changed or went away between list and update; the next round sees it anew.
      }
    }
  }

  private void finish(Job job) {
    boolean fails = failing.contains(job.getMetadata().getName());
    job.setStatus(
        new JobStatusBuilder()
            .withSucceeded(fails ? 0 : 1)
            .withFailed(fails ? 1 : 0)
            .withConditions(
                new JobConditionBuilder()
                    .withType(fails ? "Failed" : "Complete")
                    .withStatus("True")
                    .withReason(fails ? "BackoffLimitExceeded" : "Completed")
                    .withMessage(fails ? "Job has reached the specified backoff limit" : "")
                    .build())
            .build());
    // Recorded before the update, which a waiting sync may see before this thread goes on.
    finishedJobs.putIfAbsent(job.getMetadata().getUid(), job.getMetadata().getName());
    client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
  }

  private void roll(Deployment deployment) {
    Long generation = deployment.getMetadata().getGeneration();
    if (deployment.getStatus() != null
        && java.util.Objects.equals(deployment.getStatus().getObservedGeneration(), generation)) {
      return;
    }
    int replicas =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withReadyReplicas(replicas)
            .build());
    client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
