package io.helmsync.render;

import io.helmsync.model.Manifest;
import java.util.List;
import java.util.Objects;

/**
 * The objects one release renders to, in apply order.
 *
 * @param name the release name
 * @param namespace the release namespace
 * @param manifests the objects to apply
 * @param hooks objects annotated {@code helm.sh/hook}: kept apart, not applied by this version
 */
public record RenderedRelease(String name, String namespace, List<Manifest> manifests,
    List<Manifest> hooks) {
  public RenderedRelease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    manifests = List.copyOf(manifests);
    hooks = List.copyOf(hooks);
  }

  /** A release without hooks. */
  public RenderedRelease(String name, String namespace, List<Manifest> manifests) {
    this(name, namespace, manifests, List.of());
  }
}
