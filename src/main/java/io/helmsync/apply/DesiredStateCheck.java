package io.helmsync.apply;

import io.helmsync.model.DesiredState;
import io.helmsync.model.DesiredState.DesiredRelease;
import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import io.helmsync.model.ReconcileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Checks a whole desired state, every object and hook of every release, before anything of it is
 * written: names, namespaces, labels, annotations and Secret data against Kubernetes' rules (see
 * {@link ObjectRules}) and every object against the agent's scope (see {@link ScopePolicy}). Found
 * one by one at apply time, such objects would fail in the middle of a sync, after the releases
 * before them were written; here they are all reported at once and nothing is written.
 *
 * @param namespace the namespace the agent manages
 * @param cluster what the cluster says of kinds; {@link KindScopes#OFFLINE} without one
 */
public record DesiredStateCheck(String namespace, ScopePolicy scope, KindScopes cluster) {
  /** How many problems a message lists; the rest are counted. */
  static final int LISTED = 20;

  public DesiredStateCheck {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * @throws ReconcileException STALLED naming every object that breaks a rule, its release and
   *     source file, the rule and what to do; never a label, annotation or data value
   */
  public void verify(DesiredState desired) {
    List<String> violations = violations(desired);
    if (!violations.isEmpty()) {
      throw ReconcileException.stalled(message(violations));
    }
  }

  /** Each problem as {@code Kind/namespace/name (release r, source): what; what to do}. */
  List<String> violations(DesiredState desired) {
    KindScopes kinds = cluster.orElse(KindScopes.declaredBy(desired)).orElse(KindScopes.BUILT_IN);
    List<String> violations = new ArrayList<>();
    for (DesiredRelease release : desired.releases()) {
      Stream.concat(release.objects().stream(), release.hooks().stream().map(Hook::manifest))
          .forEach(
              object -> {
                String where =
                    object.ref() + " (release " + release.name() + ", " + object.source() + "): ";
                ObjectRules.problems(object).forEach(problem -> violations.add(where + problem));
                scope
                    .refusal(object, namespace, clusterScoped(kinds, object))
                    .ifPresent(refusal -> violations.add(where + refusal));
              });
    }
    return violations;
  }

  private static boolean clusterScoped(KindScopes kinds, Manifest object) {
    return kinds.clusterScoped(object.ref().apiVersion(), object.ref().kind()).orElse(false);
  }

  private static String message(List<String> violations) {
    if (violations.size() == 1) {
      return violations.get(0) + "; nothing was applied";
    }
    StringBuilder message = new StringBuilder();
    violations.stream().limit(LISTED).forEach(violation -> message.append(violation).append('\n'));
    if (violations.size() > LISTED) {
      message.append("... and ").append(violations.size() - LISTED).append(" more\n");
    }
    return message
        .append(violations.size())
        .append(" problems in the desired state; nothing was ")
        .append("applied")
        .toString();
  }
}
