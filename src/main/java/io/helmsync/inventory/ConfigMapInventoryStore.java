package io.helmsync.inventory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.helmsync.model.ObjectRef;
import io.helmsync.model.Ownership;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.Yaml;
import io.helmsync.model.YamlDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Keeps the inventory in the ConfigMap {@code helmsync-inventory-<environment>}, one key per
 * release, readable with {@code kubectl get cm -o yaml}:
 *
 * <pre>
 * orchestrate-api: |
 *   revision: 5f1c...
 *   objects:
 *   - orchestrate-demo_orchestrate-api_apps_Deployment v1
 *   release:
 *     number: 3
 *     status: deployed
 *     checksum: sha256:9a0b...
 *     revision: 5f1c...
 * </pre>
 *
 * The {@code release} block (see {@link ReleaseHistory}) is absent in inventories written before
 * helmsync ran hooks; such entries read as {@link ReleaseHistory#NONE}.
 *
 * <p>The cluster is the only shared state, so a restarted agent (or a new replica) prunes
 * correctly.
 */
public final class ConfigMapInventoryStore implements InventoryStore {
  private final KubernetesClient client;
  private final String namespace;
  private final String environment;

  public ConfigMapInventoryStore(KubernetesClient client, String namespace, String environment) {
    this.client = client;
    this.namespace = namespace;
    this.environment = environment;
  }

  public static String name(String environment) {
    return "helmsync-inventory-" + environment;
  }

  @Override
  public Inventory load() {
    ConfigMap configMap;
    try {
      configMap = client.configMaps().inNamespace(namespace).withName(name(environment)).get();
    } catch (KubernetesClientException e) {
      throw ReconcileException.transientError(
          "ConfigMap/"
              + namespace
              + "/"
              + name(environment)
              + ": cannot read inventory: "
              + e.getMessage(),
          e);
    }
    if (configMap == null || configMap.getData() == null) {
      return Inventory.empty();
    }
    Map<String, Inventory.ReleaseEntry> releases = new LinkedHashMap<>();
    configMap.getData().forEach((release, text) -> releases.put(release, parse(release, text)));
    return new Inventory(releases);
  }

  private Inventory.ReleaseEntry parse(String release, String text) {
    String where = "ConfigMap/" + namespace + "/" + name(environment) + " key " + release;
    Map<String, Object> entry =
        YamlDocuments.parse(text, where).stream()
            .findFirst()
            .map(d -> d.content())
            .orElse(Map.of());
    TreeSet<ObjectRef> objects = new TreeSet<>();
    if (entry.get("objects") instanceof List<?> lines) {
      for (Object line : lines) {
        String[] idAndVersion = line.toString().split(" ", 2);
        if (idAndVersion.length != 2) {
          throw ReconcileException.stalled(
              where
                  + ": entry '"
                  + line
                  + "' is not '<id> <version>'; fix or delete the ConfigMap");
        }
        objects.add(ObjectRef.fromId(idAndVersion[0], idAndVersion[1]));
      }
    }
    return new Inventory.ReleaseEntry(
        String.valueOf(entry.getOrDefault("revision", "")),
        objects,
        history(entry.get("release"), where));
  }

  private static ReleaseHistory history(Object block, String where) {
    if (!(block instanceof Map<?, ?> release)) {
      return ReleaseHistory.NONE;
    }
    try {
      return new ReleaseHistory(
          Integer.parseInt(String.valueOf(release.get("number"))),
          text(release, "status"),
          text(release, "checksum"),
          text(release, "revision"));
    } catch (NumberFormatException e) {
      throw ReconcileException.stalled(
          where
              + ": release.number '"
              + release.get("number")
              + "' is not a number; fix or delete the key (its hooks then run as for a new install)");
    }
  }

  private static String text(Map<?, ?> map, String key) {
    Object value = map.get(key);
    return value == null ? "" : String.valueOf(value);
  }

  @Override
  public void save(Inventory inventory) {
    Map<String, String> data = new LinkedHashMap<>();
    inventory.releases().forEach((release, entry) -> data.put(release, format(entry)));
    ConfigMap configMap =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name(environment))
            .withNamespace(namespace)
            .addToLabels(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE)
            .addToLabels(Ownership.ENVIRONMENT, environment)
            .endMetadata()
            .withData(data)
            .build();
    try {
      client
          .configMaps()
          .inNamespace(namespace)
          .resource(configMap)
          .fieldManager(Ownership.FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    } catch (KubernetesClientException e) {
      throw ReconcileException.transientError(
          "ConfigMap/"
              + namespace
              + "/"
              + name(environment)
              + ": cannot save inventory: "
              + e.getMessage(),
          e);
    }
  }

  private static String format(Inventory.ReleaseEntry entry) {
    List<String> lines = new ArrayList<>();
    entry.objects().forEach(ref -> lines.add(ref.id() + " " + ref.version()));
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("revision", entry.revision());
    tree.put("objects", lines);
    if (entry.history().isTracked()) {
      Map<String, Object> release = new LinkedHashMap<>();
      release.put("number", entry.history().number());
      release.put("status", entry.history().status());
      release.put("checksum", entry.history().checksum());
      release.put("revision", entry.history().revision());
      tree.put("release", release);
    }
    return YamlDocuments.write(Yaml.deepCopy(tree));
  }
}
