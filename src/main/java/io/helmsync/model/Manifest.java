package io.helmsync.model;

import java.util.Map;
import java.util.Objects;

/**
 * One rendered Kubernetes object, as a plain YAML/JSON tree, with where it came from so that errors
 * can name the file.
 *
 * @param ref the object's identity
 * @param body the full object ({@code apiVersion}, {@code kind}, {@code metadata}, ...)
 * @param source where it was read or rendered from, e.g. {@code manifests/api.yaml (document 2)}
 */
public record Manifest(ObjectRef ref, Map<String, Object> body, String source) {
  public Manifest {
    Objects.requireNonNull(ref, "ref");
    body = Yaml.deepCopy(body);
    source = source == null ? "" : source;
  }
}
