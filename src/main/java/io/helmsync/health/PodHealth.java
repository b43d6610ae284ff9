package io.helmsync.health;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Pod's health follows its phase, as in Argo CD, with two refinements that matter to people on
 * call. A pod that restarts forever ({@code restartPolicy: Always}) with a container stuck in
 * {@code CrashLoopBackOff}, {@code ImagePullBackOff} or another {@code Err*} state is degraded at
 * once rather than progressing forever. A running pod that is meant to finish ({@code OnFailure},
 * {@code Never}, as hook pods are) is progressing, not healthy, until it succeeds; and its waiting
 * errors are not final, since a hook must not fail while its image is still being pulled.
 */
final class PodHealth {
  private PodHealth() {}

  static Health assess(ObjectTree pod) {
    boolean restartsForever = restartPolicy(pod).equals("Always");
    if (restartsForever) {
      List<String> stuck = waitingContainers(pod, PodHealth::isError);
      if (!stuck.isEmpty()) {
        return Health.degraded(String.join("; ", stuck));
      }
    }
    String phase = pod.string("status.phase");
    String message = pod.string("status.message");
    return switch (phase) {
      case "Pending" -> Health.progressing(pending(pod));
      case "Succeeded" -> Health.healthy(or(message, "Pod completed"));
      case "Failed" -> Health.degraded(or(message, failure(pod)));
      case "Running" ->
          restartsForever
              ? running(pod)
              : Health.progressing(or(message, "Waiting for the pod to run to completion"));
      case "" -> Health.unknown(or(message, "The pod reports no phase yet"));
      default -> Health.unknown(or(message, "Pod phase is '" + phase + "'"));
    };
  }

  /**
   * The API server defaults an absent policy to {@code Always}; rendered manifests often omit it.
   */
  private static String restartPolicy(ObjectTree pod) {
    return or(pod.string("spec.restartPolicy"), "Always");
  }

  /** What the containers waiting for a reason that {@code reasons} accepts are waiting for. */
  private static List<String> waitingContainers(ObjectTree pod, Predicate<String> reasons) {
    return containers(pod)
        .filter(c -> reasons.test(c.string("state.waiting.reason")))
        .map(c -> describe(c, c.string("state.waiting.reason"), c.string("state.waiting.message")))
        .toList();
  }

  /** A waiting reason that will not clear by itself, as Argo CD recognises them. */
  private static boolean isError(String reason) {
    return reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff");
  }

  private static String pending(ObjectTree pod) {
    Optional<Condition> unscheduled = pod.condition("PodScheduled").filter(Condition::isFalse);
    if (unscheduled.isPresent()) {
      return "Waiting to be scheduled: " + unscheduled.get().explanation();
    }
    List<String> waiting = waitingContainers(pod, reason -> !reason.isEmpty());
    String why = waiting.isEmpty() ? pod.string("status.message") : String.join("; ", waiting);
    return "Waiting for the pod's containers to start" + (why.isEmpty() ? "" : ": " + why);
  }

  private static Health running(ObjectTree pod) {
    if (pod.condition("Ready").filter(Condition::isTrue).isPresent()) {
      return Health.healthy("Pod is running and ready");
    }
    Optional<ObjectTree> restarted =
        containers(pod).filter(c -> c.has("lastState.terminated")).findFirst();
    if (restarted.isPresent()) {
      ObjectTree container = restarted.get();
      return Health.degraded(
          String.format(
              "container \"%s\" is not ready and has restarted (last exit code %d, %s)",
              container.string("name"),
              container.number("lastState.terminated.exitCode"),
              or(container.string("lastState.terminated.reason"), "no reason given")));
    }
    return Health.progressing("Waiting for the pod to become ready");
  }

  /** Why a failed pod failed: the first container that says so, init containers first. */
  private static String failure(ObjectTree pod) {
    return containers(pod)
        .map(PodHealth::terminationMessage)
        .filter(message -> !message.isEmpty())
        .findFirst()
        .orElse("Pod failed");
  }

  private static String terminationMessage(ObjectTree container) {
    if (!container.has("state.terminated")) {
      return "";
    }
    String message = container.string("state.terminated.message");
    if (!message.isEmpty()) {
      return message;
    }
    String reason = container.string("state.terminated.reason");
    if (reason.equals("OOMKilled")) {
      return describe(container, reason, "out of memory");
    }
    long exitCode = container.number("state.terminated.exitCode");
    return exitCode == 0
        ? ""
        : String.format(
            "container \"%s\" failed with exit code %d", container.string("name"), exitCode);
  }

  private static Stream<ObjectTree> containers(ObjectTree pod) {
    return Stream.concat(
        pod.items("status.initContainerStatuses").stream(),
        pod.items("status.containerStatuses").stream());
  }

  private static String describe(ObjectTree container, String reason, String message) {
    String what = "container \"" + container.string("name") + "\" is " + reason;
    return message.isEmpty() ? what : what + ": " + message;
  }

  private static String or(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }
}
