package io.helmsync.secret.sops;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sops} metadata of a file ({@code stores/stores.go}): when it was last modified (the
 * MAC's additional data), the encrypted MAC, which values are encrypted, and the key groups the
 * data key was encrypted to. A file with keys at the top level has one key group; with {@code
 * key_groups}, the data key was split with Shamir's secret sharing, one part per group, of which
 * {@code shamir_threshold} recover it.
 */
record SopsMetadata(
    String lastModified,
    String mac,
    boolean macOnlyEncrypted,
    EncryptionRules rules,
    List<List<MasterKey>> keyGroups,
    int shamirThreshold) {
  private static final List<String> KEY_TYPES =
      List.of("kms", "gcp_kms", "azure_kv", "hc_vault", "pgp", "age");

  /** Go's {@code time.RFC3339}, which sops formats {@code lastmodified} with for the MAC. */
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  SopsMetadata {
    keyGroups = keyGroups.stream().map(List::copyOf).toList();
  }

  /**
   * Reads the metadata tree of a file.
   *
   * @throws IllegalArgumentException with a message for people when it is malformed
   */
  static SopsMetadata parse(Map<String, Object> sops) {
    String lastModified = text(sops, "lastmodified");
    try {
      lastModified = OffsetDateTime.parse(lastModified).format(RFC3339);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("sops.lastmodified is not an RFC 3339 time");
    }
    List<List<MasterKey>> groups = new ArrayList<>();
    List<MasterKey> topLevel = group(sops);
    if (!topLevel.isEmpty()) {
      groups.add(topLevel);
    } else {
      for (Object group : list(sops.get("key_groups"))) {
        groups.add(group(map(group)));
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("sops metadata lists no keys");
    }
    Object threshold = sops.get("shamir_threshold");
    int shamirThreshold =
        threshold == null || threshold.toString().isEmpty()
            ? 0
            : Integer.parseInt(threshold.toString());
    return new SopsMetadata(
        lastModified,
        text(sops, "mac"),
        "true".equals(String.valueOf(sops.get("mac_only_encrypted"))),
        EncryptionRules.of(sops),
        groups,
        shamirThreshold == 0 ? groups.size() : shamirThreshold);
  }

  private static List<MasterKey> group(Map<String, Object> group) {
    List<MasterKey> keys = new ArrayList<>();
    for (String type : KEY_TYPES) {
      for (Object entry : list(group.get(type))) {
        keys.add(key(type, map(entry)));
      }
    }
    return keys;
  }

  private static MasterKey key(String type, Map<String, Object> key) {
    return switch (type) {
      case "pgp" -> new MasterKey.Pgp(text(key, "fp"), text(key, "enc"));
      case "age" -> new MasterKey.Age(text(key, "recipient"), text(key, "enc"));
      case "kms" ->
          new MasterKey.Kms(text(key, "arn"), text(key, "role"), context(key), text(key, "enc"));
      case "gcp_kms" -> new MasterKey.Unsupported(type, text(key, "resource_id"));
      case "azure_kv" ->
          new MasterKey.Unsupported(type, text(key, "vault_url") + "/keys/" + text(key, "name"));
      default ->
          new MasterKey.Unsupported(
              type,
              text(key, "vault_address")
                  + "/"
                  + text(key, "engine_path")
                  + "/"
                  + text(key, "key_name"));
    };
  }

  private static Map<String, String> context(Map<String, Object> key) {
    Map<String, String> context = new LinkedHashMap<>();
    map(key.get("context")).forEach((name, value) -> context.put(name, String.valueOf(value)));
    return context;
  }

  static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? "" : value.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException("sops metadata has a value where a map belongs");
  }

  private static List<?> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException("sops metadata has a value where a list belongs");
  }
}
