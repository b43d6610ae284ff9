package io.helmsync.helmfile;

import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * helmfile's release templates: {@code templates:} holds named release fragments, and a release's
 * {@code inherit: [{template: NAME, except: [KEY]}]} takes their keys under its own. (YAML anchors
 * and {@code <<:} merge keys, the older way, are applied by the YAML reader.)
 */
final class ReleaseTemplates {
  private ReleaseTemplates() {}

  static Map<String, Object> inherit(
      Map<String, Object> release, Map<String, Object> templates, String where) {
    List<Object> inherits = StateKeys.list(release.get("inherit"), where, "inherit");
    if (inherits.isEmpty()) {
      return release;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    for (int i = 0; i < inherits.size(); i++) {
      String at = "inherit[" + i + "]";
      Map<String, Object> spec = StateKeys.map(inherits.get(i), where, at);
      String name = StateKeys.string(spec.get("template"), where, at + ".template");
      if (!templates.containsKey(name)) {
        throw ReconcileException.stalled(
            where
                + ": "
                + at
                + " names template '"
                + name
                + "', which is not under templates:; defined: "
                + templates.keySet());
      }
      Set<String> except =
          new HashSet<>(StateKeys.strings(spec.get("except"), where, at + ".except"));
      Map<String, Object> template =
          new LinkedHashMap<>(StateKeys.map(templates.get(name), where, "templates." + name));
      template.keySet().removeAll(except);
      merged = Yaml.merge(merged, template);
    }
    Map<String, Object> own = new LinkedHashMap<>(release);
    own.remove("inherit");
    Map<String, Object> result = new LinkedHashMap<>(merged);
    result.putAll(own);
    return result;
  }
}
