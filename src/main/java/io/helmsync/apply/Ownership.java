package io.helmsync.apply;

import io.helmsync.model.Manifest;
import io.helmsync.model.ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** TEMPORARY placeholder until the apply branch lands (not committed). */
public final class Ownership {
  private Ownership() {}

  @SuppressWarnings("unchecked")
  public static Manifest label(Manifest m, String env, String release, String namespace, String revision) {
    Map<String, Object> body = new LinkedHashMap<>(m.body());
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
    Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("labels", Map.of()));
    labels.put("app.kubernetes.io/managed-by", "helmsync");
    labels.put("helmsync.io/environment", env);
    labels.put("helmsync.io/release", release);
    metadata.put("labels", labels);
    String ns = m.ref().namespace().isEmpty() ? namespace : m.ref().namespace();
    metadata.put("namespace", ns);
    body.put("metadata", metadata);
    ObjectRef ref = new ObjectRef(m.ref().apiVersion(), m.ref().kind(), ns, m.ref().name());
    return new Manifest(ref, body, m.source());
  }
}
