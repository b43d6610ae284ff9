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
 */
public record RenderedRelease(String name, String namespace, List<Manifest> manifests) {
  public RenderedRelease {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    manifests = List.copyOf(manifests);
  }
}
