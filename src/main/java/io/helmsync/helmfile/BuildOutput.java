package io.helmsync.helmfile;

import io.helmsync.model.YamlDocuments;
import io.helmsync.secret.Redaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code helmsync build}: the loaded state as one YAML document, like {@code helmfile build}, with
 * every secret shown as {@code ***}: repository passwords and any value that came from the env
 * Secret, wherever a template put it.
 */
public final class BuildOutput {
  static final String MASK = Redaction.MASK;

  private BuildOutput() {}

  public static String render(HelmfileState state, String stateFile) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("environment", state.environment());
    document.put("values", state.environmentValues());
    document.put(
        "repositories", state.repositories().stream().map(BuildOutput::repository).toList());
    document.put("releases", state.releases().stream().map(BuildOutput::release).toList());
    return "---\n# Source: "
        + stateFile
        + "\n"
        + YamlDocuments.write(Redaction.of(state.secretValues()).maskObject(document));
  }

  private static Map<String, Object> repository(Repository repository) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", repository.name());
    out.put("url", repository.url());
    putIfSet(out, "username", repository.username());
    putIfSet(out, "password", repository.password() == null ? null : MASK);
    if (repository.oci()) {
      out.put("oci", true);
    }
    putIfSet(out, "caFile", repository.caFile());
    putIfSet(out, "certFile", repository.certFile());
    putIfSet(out, "keyFile", repository.keyFile());
    if (repository.skipTlsVerify()) {
      out.put("skipTLSVerify", true);
    }
    if (repository.passCredentials()) {
      out.put("passCredentials", true);
    }
    return out;
  }

  private static Map<String, Object> release(Release release) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", release.name());
    putIfSet(out, "namespace", release.namespace().isEmpty() ? null : release.namespace());
    out.put("chart", release.chart());
    putIfSet(out, "version", release.version().isEmpty() ? null : release.version());
    out.put("installed", release.installed());
    if (!release.needs().isEmpty()) {
      out.put("needs", release.needs());
    }
    if (!release.labels().isEmpty()) {
      out.put("labels", new java.util.TreeMap<>(release.labels()));
    }
    ReleaseSettings s = release.settings();
    if (!s.equals(ReleaseSettings.HELM_DEFAULTS)) {
      out.put("wait", s.waitForResources());
      out.put("waitForJobs", s.waitForJobs());
      out.put("timeout", s.timeout().toSeconds());
      out.put("atomic", s.atomic());
      out.put("createNamespace", s.createNamespace());
      out.put("cleanupOnFail", s.cleanupOnFail());
      out.put("disableValidation", s.disableValidation());
    }
    out.put("values", release.values());
    out.put("source", release.source());
    return out;
  }

  private static void putIfSet(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
