package io.helmsync.helmfile;

/**
 * The one rule for the namespace a release goes to: its own {@code namespace:}, else the agent's
 * (helmfile's {@code --namespace}). The loader ({@code .Release.Namespace}, duplicate names) and
 * the planner both ask here, so that a release is never templated for one namespace and applied to
 * another.
 *
 * @param agentNamespace the namespace the agent manages
 */
record ReleaseNamespaces(String agentNamespace) {

  /**
   * @param declared the release's {@code namespace:}, empty when it names none
   */
  String of(String declared) {
    return declared.isEmpty() ? agentNamespace : declared;
  }
}
