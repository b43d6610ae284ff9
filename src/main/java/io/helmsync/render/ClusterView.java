package io.helmsync.render;

import io.helmsync.template.helm.LookupPort;
import java.util.function.Supplier;

/**
 * What a chart sees of the cluster it is rendered for: {@code .Capabilities} and {@code lookup}.
 * Offline (render, template, no cluster) these are Helm's defaults and nothing found; the agent and
 * {@code sync}/{@code diff} with a cluster pass the live discovery and lookup.
 *
 * @param context asked once per chart rendered; may throw a {@code ReconcileException} when the
 *     cluster cannot be asked
 * @param lookup where {@code lookup} reads
 */
public record ClusterView(Supplier<ChartContext> context, LookupPort lookup) {
  /** {@code helm template}'s view: the given capabilities, every lookup empty. */
  public static ClusterView offline(ChartContext context) {
    return new ClusterView(() -> context, LookupPort.OFFLINE);
  }
}
