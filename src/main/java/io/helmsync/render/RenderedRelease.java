package io.helmsync.render;

import io.helmsync.model.Hook;
import io.helmsync.model.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * The objects one release renders to, in apply order.
 *
 * @param name the release name
 * @param namespace the release namespace
 * @param manifests the objects to apply, in Helm's install order
 * @param hooks objects annotated {@code helm.sh/hook}: kept apart, run at their events by the sync
 * @param crds the chart's and subcharts' {@code crds/} files, untemplated, as Helm installs them
 *     before everything else
 * @param chart the chart's {@code name-version}, as {@code helm list} shows it; empty for a
 *     directory of plain manifests
 */
public record RenderedRelease(
    String name,
    String namespace,
    List<Manifest> manifests,
    List<Hook> hooks,
    List<Manifest> crds,
    String chart) {
  public RenderedRelease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    manifests = List.copyOf(manifests);
    hooks = List.copyOf(hooks);
    crds = List.copyOf(crds);
    chart = chart == null ? "" : chart;
  }

  /** A release of plain objects: no hooks, no CRDs directory. */
  public RenderedRelease(String name, String namespace, List<Manifest> manifests) {
    this(name, namespace, manifests, List.of(), List.of(), "");
  }
}
