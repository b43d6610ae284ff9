package io.helmsync.template.conformance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the case files under {@code template/conformance/}: one YAML list per family, so adding a
 * case is adding four lines of YAML, never Java.
 */
final class CaseFiles {
  static final String DIRECTORY = "template/conformance";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FIELDS =
      Set.of("name", "template", "values", "helpers", "deviation");

  private CaseFiles() {}

  /** Every case of every family, families in file-name order, cases in file order. */
  static List<ConformanceCase> all() {
    List<ConformanceCase> cases = new ArrayList<>();
    for (Path file : familyFiles()) {
      cases.addAll(read(file));
    }
    return cases;
  }

  static List<Path> familyFiles() {
    URL url = CaseFiles.class.getClassLoader().getResource(DIRECTORY);
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One family; a typo in a field name or a repeated case name fails loudly, not silently. */
  static List<ConformanceCase> read(Path file) {
    String family = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    List<Map<String, Object>> entries;
    try {
      entries = YAML.readValue(file.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> names = new HashSet<>();
    List<ConformanceCase> cases = new ArrayList<>();
    for (Map<String, Object> entry : entries) {
      ConformanceCase c = toCase(family, entry);
      if (!FIELDS.containsAll(entry.keySet()) || c.name() == null || c.template() == null) {
        throw new IllegalArgumentException(file + ": bad case " + entry);
      }
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(file + ": duplicate case name " + c.name());
      }
      cases.add(c);
    }
    return cases;
  }

  @SuppressWarnings("unchecked")
  private static ConformanceCase toCase(String family, Map<String, Object> entry) {
    return new ConformanceCase(
        family,
        (String) entry.get("name"),
        (String) entry.get("template"),
        (Map<String, Object>) entry.get("values"),
        (String) entry.get("helpers"),
        (String) entry.get("deviation"));
  }
}
