package io.helmsync.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML files of one or more documents into plain trees as kubectl reads them (aliases
 * expanded, {@code <<} merge keys applied, duplicate keys refused), turning every parse error into
 * a {@link ReconcileException} that names the file and line, since those are what a person fixes.
 */
public final class YamlDocuments {
  /**
   * The most aliases ({@code *name}) one file may use: enough for hand-written anchors, too few for
   * an alias bomb, whose expansion grows exponentially with each level.
   */
  private static final int MAX_ALIASES = 50;

  /** The longest file read, in code points: real manifests and values reach tens of MB. */
  private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  /**
   * Writes YAML as people write it: quotes only where needed, but always on strings that would
   * otherwise read back as numbers or booleans ({@code "5432"}, {@code "true"}).
   */
  private static final ObjectMapper WRITER =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .build();

  private YamlDocuments() {}

  /** One parsed document and the line (1-based) where it starts. */
  public record Document(Map<String, Object> content, int line) {
    public Document {
      content = Yaml.deepCopy(content);
    }
  }

  /**
   * Parses every non-empty document of a file.
   *
   * @param file the file to read
   * @param displayName how to name the file in messages (relative to the repository root)
   * @throws ReconcileException STALLED when the file is missing, unreadable, not YAML, or a
   *     document is not a mapping
   */
  public static List<Document> read(Path file, String displayName) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw ReconcileException.stalled(displayName + ": file not found", e);
    } catch (IOException e) {
      throw ReconcileException.stalled(displayName + ": cannot read file: " + e.getMessage(), e);
    }
    return parse(text, displayName);
  }

  /** Parses YAML text; see {@link #read(Path, String)}. Duplicate keys are refused. */
  public static List<Document> parse(String text, String displayName) {
    return parse(text, displayName, false);
  }

  /**
   * Parses a chart's rendered output, where a duplicate key keeps its last value: Helm installs
   * such output unchanged (only stricter readers such as kustomize refuse it).
   */
  public static List<Document> parseRendered(String text, String displayName) {
    return parse(text, displayName, true);
  }

  private static List<Document> parse(String text, String displayName, boolean lastKeyWins) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(lastKeyWins);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    DumperOptions dumper = new DumperOptions();
    TreeConstructor constructor = new TreeConstructor(options);
    org.yaml.snakeyaml.Yaml yaml =
        new org.yaml.snakeyaml.Yaml(
            constructor, new Representer(dumper), dumper, options, new PlainScalars());
    List<Document> documents = new ArrayList<>();
    try {
      for (Node node : yaml.composeAll(new StringReader(text))) {
        int line = node.getStartMark().getLine() + 1;
        Object value = constructor.construct(node);
        if (value == null) {
          continue;
        }
        if (!(value instanceof Map<?, ?> map)) {
          throw ReconcileException.stalled(
              displayName + ":" + line + ": expected a YAML mapping, found " + describe(value));
        }
        documents.add(new Document(stringKeys(map), line));
      }
    } catch (MarkedYAMLException e) {
      String where = lineOf(e, text).map(line -> displayName + ":" + line).orElse(displayName);
      throw ReconcileException.stalled(where + ": invalid YAML: " + problem(e), e);
    } catch (YAMLException e) {
      // Limits (nesting depth, size, aliases) are reported without a position.
      throw ReconcileException.stalled(displayName + ": invalid YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /**
   * The tree with every key a string ({@code 80: http} gives "80"), as JSON and the API have it.
   */
  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), stringKeysValue(value)));
    return copy;
  }

  private static Object stringKeysValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return stringKeys(map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(stringKeysValue(item)));
      return copy;
    }
    return value;
  }

  /**
   * The line to fix: where the problem is, except when the parser only found it at the end of the
   * input (an unclosed {@code [} or quote), where the construct left open is what names the line.
   */
  private static Optional<Integer> lineOf(MarkedYAMLException e, String text) {
    Mark problem = e.getProblemMark();
    if (problem == null) {
      return Optional.empty();
    }
    boolean atEnd = text.substring(Math.min(problem.getIndex(), text.length())).isBlank();
    Mark line = atEnd && e.getContextMark() != null ? e.getContextMark() : problem;
    return Optional.of(line.getLine() + 1);
  }

  /** SnakeYAML's context and problem, without its source excerpt: the file and line are given. */
  private static String problem(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "cannot parse" : e.getProblem();
    return e.getContext() == null ? problem : e.getContext() + "; " + problem;
  }

  private static String describe(Object value) {
    return value instanceof List<?> ? "a list" : "a scalar '" + value + "'";
  }

  /** Serialises a tree as one YAML document (used for output and for storage). */
  public static String write(Object tree) {
    try {
      return WRITER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise YAML tree", e);
    }
  }

  /** Constructs one composed document, so that each document's line is known. */
  private static final class TreeConstructor extends SafeConstructor {
    TreeConstructor(LoaderOptions options) {
      super(options);
    }

    Object construct(Node node) {
      return constructDocument(node);
    }
  }

  /**
   * Scalars as this reader has always typed them: only {@code true} and {@code false} are booleans
   * ({@code yes}, {@code on} stay strings, so that trees written by {@link #write} read back the
   * same), and timestamps stay strings.
   */
  private static final class PlainScalars extends Resolver {
    private static final Pattern TRUE_OR_FALSE =
        Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, TRUE_OR_FALSE, "tTfF");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
