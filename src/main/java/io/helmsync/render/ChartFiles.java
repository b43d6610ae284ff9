package io.helmsync.render;

import io.helmsync.chart.PathPattern;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoType;
import io.helmsync.template.golib.GoYaml;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Helm's {@code .Files}: a chart's files other than templates, by path. Like Helm's {@code
 * map[string][]byte} it can be ranged over (contents as byte lists, which print as Go prints a
 * {@code []byte}), and it has Helm's methods: {@code Get}, {@code GetBytes}, {@code Lines}, {@code
 * Glob} (gobwas/glob: {@code *} within a directory, {@code **} across), {@code AsConfig} and {@code
 * AsSecrets}.
 */
final class ChartFiles extends AbstractMap<String, Object> implements GoStruct {
  private final Map<String, byte[]> files;

  ChartFiles(Map<String, byte[]> files) {
    this.files = new TreeMap<>(files);
  }

  @Override
  public String goType() {
    return "engine.files";
  }

  @Override
  public Optional<Object> member(String name) {
    return Optional.ofNullable(
        switch (name) {
          case "Get" -> GoFunction.of(a -> get((String) a[0]), GoType.STRING);
          case "GetBytes" -> GoFunction.of(a -> bytes(bytesOf((String) a[0])), GoType.STRING);
          case "Lines" -> GoFunction.of(a -> lines((String) a[0]), GoType.STRING);
          case "Glob" -> GoFunction.of(a -> glob((String) a[0]), GoType.STRING);
          case "AsConfig" ->
              GoFunction.of(a -> asYaml(data -> new String(data, StandardCharsets.UTF_8)));
          case "AsSecrets" ->
              GoFunction.of(a -> asYaml(data -> Base64.getEncoder().encodeToString(data)));
          default -> null;
        });
  }

  private String get(String name) {
    return new String(bytesOf(name), StandardCharsets.UTF_8);
  }

  private byte[] bytesOf(String name) {
    return files.getOrDefault(name, new byte[0]);
  }

  /** Helm drops one trailing newline before splitting, so a file's last line is not empty. */
  private List<String> lines(String name) {
    if (!files.containsKey(name)) {
      return List.of();
    }
    String text = get(name);
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    return List.of(text.split("\n", -1));
  }

  /** An unparsable pattern matches everything, as Helm falls back to {@code **}. */
  private ChartFiles glob(String pattern) {
    PathPattern compiled;
    try {
      compiled = PathPattern.compile(pattern, PathPattern.Dialect.GLOB);
    } catch (IllegalArgumentException e) {
      compiled = PathPattern.compile("**", PathPattern.Dialect.GLOB);
    }
    Map<String, byte[]> matched = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (compiled.matches(file.getKey())) {
        matched.put(file.getKey(), file.getValue());
      }
    }
    return new ChartFiles(matched);
  }

  /** Each file by base name, as YAML; empty when there are no files. */
  private String asYaml(Function<byte[], String> encode) {
    if (files.isEmpty()) {
      return "";
    }
    Map<String, Object> byName = new TreeMap<>();
    files.forEach(
        (path, data) -> byName.put(path.substring(path.lastIndexOf('/') + 1), encode.apply(data)));
    String yaml = GoYaml.marshalViaJson(byName);
    return yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml;
  }

  private static List<Long> bytes(byte[] data) {
    List<Long> out = new ArrayList<>(data.length);
    for (byte b : data) {
      out.add((long) (b & 0xff));
    }
    return out;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> view = new LinkedHashMap<>();
    files.forEach((path, data) -> view.put(path, bytes(data)));
    return view.entrySet();
  }
}
