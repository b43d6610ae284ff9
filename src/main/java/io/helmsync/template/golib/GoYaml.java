package io.helmsync.template.golib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML as the Go libraries under Helm and helmfile read and write it: go-yaml v2's output style and
 * key order, and {@code sigs.k8s.io/yaml}'s YAML→JSON reading, where every number becomes a
 * float64.
 */
public final class GoYaml {
  private GoYaml() {}

  /** {@code yaml.Marshal(value)} of go-yaml v2: the document, ending with a newline. */
  public static String marshal(Object value) {
    return YamlEmitter.emit(value);
  }

  /**
   * {@code sigs.k8s.io/yaml.Marshal}, Helm's {@code toYaml}: through JSON first, so integral floats
   * print as integers ({@code 1000000}, not {@code 1e+06}).
   */
  public static String marshalViaJson(Object value) {
    return YamlEmitter.emit(jsonNumbers(value));
  }

  private static Object jsonNumbers(Object value) {
    if (value instanceof Double d
        && !d.isNaN()
        && !d.isInfinite()
        && d == Math.rint(d)
        && Math.abs(d) < 1e21) {
      // encoding/json writes the shortest digits that read back as d, padded with zeros.
      BigInteger exact = new BigDecimal(GoFloat.shortest(d)).toBigIntegerExact();
      if (exact.bitLength() < 64) {
        return exact.longValueExact();
      }
      // Past int64, go-yaml reads the JSON digits as uint64 if they fit, else as a float.
      return exact.signum() > 0 && exact.bitLength() <= 64 ? exact : d;
    }
    if (value instanceof Int64 i) {
      return i.value();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), jsonNumbers(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(jsonNumbers(v)));
      return copy;
    }
    return value == NoValue.NO_VALUE ? null : value;
  }

  /**
   * {@code sigs.k8s.io/yaml.Unmarshal} into {@code interface{}}: the first document, maps with
   * string keys, every number a float64.
   *
   * @throws IllegalArgumentException with a go-yaml-like message when the text is not YAML
   */
  public static Object unmarshal(String text) {
    try {
      Iterator<Object> documents = yaml(DuplicateKeys.LAST_WINS).loadAll(text).iterator();
      return documents.hasNext() ? jsonValue(documents.next()) : null;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new IllegalArgumentException(
          "error converting YAML to JSON: yaml: line "
              + line
              + ": "
              + goYamlProblem(e.getProblem()),
          e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "error converting YAML to JSON: yaml: " + e.getMessage(), e);
    }
  }

  /**
   * What a mapping that names a key twice means: helmfile and kubectl refuse it; Helm's reading of
   * charts ({@code sigs.k8s.io/yaml} without strictness) keeps the last.
   */
  public enum DuplicateKeys {
    REFUSE,
    LAST_WINS
  }

  /**
   * The most aliases ({@code *name}) one stream may use: enough for hand-written anchors, too few
   * for an alias bomb, whose expansion grows exponentially with each level.
   */
  static final int MAX_ALIASES = 50;

  /** The longest stream read, in code points: real values files reach tens of MB. */
  static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  /** One document of a YAML stream and the line (1-based) it starts on. */
  public record Document(Object value, int line) {}

  /**
   * A YAML syntax error at a line and column (both 1-based), in go-yaml's words where we know them.
   */
  public static final class SyntaxError extends IllegalArgumentException {
    private final int line;
    private final int column;

    SyntaxError(int line, int column, String problem, Throwable cause) {
      super(problem, cause);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /**
   * go-yaml v2's {@code Unmarshal} of every document into {@code interface{}}, as helmfile reads
   * its state and values files: integers are Go ints ({@link Long}), other numbers float64, YAML
   * 1.1 booleans ({@code yes}, {@code off}, {@code y}), merge keys ({@code <<: *anchor}) applied,
   * map keys printed as strings, timestamps left as strings. Empty documents are null.
   *
   * @throws SyntaxError where the text is not YAML, names a key twice, or passes the limits of
   *     aliases, nesting depth or size
   */
  public static List<Document> documents(String text) {
    return documents(text, DuplicateKeys.REFUSE);
  }

  /** {@link #documents(String)}, with duplicate keys treated as {@code duplicateKeys} says. */
  public static List<Document> documents(String text, DuplicateKeys duplicateKeys) {
    // The constructor is the Yaml's own: only then does it see the loader options.
    GoYamlConstructor constructor = new GoYamlConstructor(loaderOptions(duplicateKeys));
    Yaml yaml = yaml(constructor, duplicateKeys);
    List<Document> documents = new ArrayList<>();
    try {
      for (Node node : yaml.composeAll(new java.io.StringReader(text))) {
        Object value = nativeValue(constructor.constructNode(node));
        documents.add(new Document(value, node.getStartMark().getLine() + 1));
      }
    } catch (MarkedYAMLException e) {
      throw syntaxError(text, e);
    } catch (YAMLException e) {
      // Limits (nesting depth, size) are reported without a position.
      throw new SyntaxError(0, 0, e.getMessage(), e);
    }
    return documents;
  }

  /**
   * The error at the parser's position, except that a problem found only at the end of the text (an
   * unclosed {@code [}) is placed at the end of the last line with content, where the fix is.
   */
  private static SyntaxError syntaxError(String text, MarkedYAMLException e) {
    var mark = e.getProblemMark();
    String problem = goYamlProblem(e.getProblem());
    if (mark == null) {
      return new SyntaxError(0, 0, problem, e);
    }
    String[] lines = text.split("\n", -1);
    int last = lines.length;
    while (last > 1 && lines[last - 1].isBlank()) {
      last--;
    }
    int line = mark.getLine() + 1;
    if (line > last) {
      return new SyntaxError(last, lines[last - 1].length() + 1, problem, e);
    }
    return new SyntaxError(line, mark.getColumn() + 1, problem, e);
  }

  private static Object nativeValue(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof BigInteger big) {
      // Past int64 go-yaml reads uint64, then float64; both print as numbers in templates.
      return big.doubleValue();
    }
    if (value instanceof Number n && !(value instanceof Long)) {
      return n.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(keyString(k), nativeValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(nativeValue(v)));
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return java.util.Base64.getEncoder().encodeToString(bytes);
    }
    return value;
  }

  private static LoaderOptions loaderOptions(DuplicateKeys duplicateKeys) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(duplicateKeys == DuplicateKeys.LAST_WINS);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setCodePointLimit(MAX_CODE_POINTS);
    return options;
  }

  private static Yaml yaml(DuplicateKeys duplicateKeys) {
    return yaml(new GoYamlConstructor(loaderOptions(duplicateKeys)), duplicateKeys);
  }

  private static Yaml yaml(GoYamlConstructor constructor, DuplicateKeys duplicateKeys) {
    LoaderOptions options = loaderOptions(duplicateKeys);
    DumperOptions dumper = new DumperOptions();
    return new Yaml(
        constructor, new Representer(dumper), dumper, options, new NoTimestampResolver());
  }

  /**
   * go-yaml v2's wording for the parse errors charts most often meet, where SnakeYAML's differs.
   */
  private static String goYamlProblem(String snakeProblem) {
    if (snakeProblem == null) {
      return "";
    }
    if (snakeProblem.startsWith("expected the node content")) {
      return "did not find expected node content";
    }
    if (snakeProblem.startsWith("expected ',' or ']'")) {
      return "did not find expected ',' or ']'";
    }
    if (snakeProblem.startsWith("mapping values are not allowed")) {
      return "mapping values are not allowed in this context";
    }
    return snakeProblem;
  }

  private static Object jsonValue(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(keyString(k), jsonValue(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(jsonValue(v)));
      return copy;
    }
    if (value instanceof byte[] bytes) {
      return java.util.Base64.getEncoder().encodeToString(bytes);
    }
    return value;
  }

  private static String keyString(Object key) {
    if (key instanceof Double || key instanceof Float) {
      return GoFloat.shortest(((Number) key).doubleValue());
    }
    return String.valueOf(key);
  }

  /** Map keys in go-yaml v2's order: natural order, digits compared as numbers. */
  static List<String> sortedKeys(Map<?, ?> map) {
    List<String> keys = new ArrayList<>(map.size());
    map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    keys.sort(GoYaml::compareKeys);
    return keys;
  }

  /** go-yaml v2's {@code keyList.Less} for string keys. */
  static int compareKeys(String a, String b) {
    int[] ar = a.codePoints().toArray();
    int[] br = b.codePoints().toArray();
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return Integer.compare(ar[i], br[i]);
      }
      if (al || bl) {
        return bl ? -1 : 1;
      }
      return compareDigitRuns(ar, br, i);
    }
    return Integer.compare(ar.length, br.length);
  }

  private static int compareDigitRuns(int[] ar, int[] br, int i) {
    long an = 0;
    long bn = 0;
    if (ar[i] == '0' || br[i] == '0') {
      for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
        if (ar[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    int ai = i;
    for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
      an = an * 10 + (ar[ai] - '0');
    }
    int bi = i;
    for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
      bn = bn * 10 + (br[bi] - '0');
    }
    if (an != bn) {
      return Long.compare(an, bn);
    }
    if (ai != bi) {
      return Integer.compare(ai, bi);
    }
    return Integer.compare(ar[i], br[i]);
  }

  /** go-yaml v2's YAML 1.1 booleans, which unlike SnakeYAML's include {@code y} and {@code n}. */
  private static final Pattern GO_YAML_BOOL =
      Pattern.compile(
          "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");

  /** go-yaml v2's {@code yamlStyleFloat}: what it reads as a float once int64 and uint64 fail. */
  private static final Pattern GO_YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");

  private static final class GoYamlConstructor extends SafeConstructor {
    GoYamlConstructor(LoaderOptions options) {
      super(options);
      yamlConstructors.put(
          Tag.BOOL,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String text = ((ScalarNode) node).getValue();
              return "yYtToO".indexOf(text.charAt(0)) >= 0 && !text.equalsIgnoreCase("off");
            }
          });
      Construct integers = yamlConstructors.get(Tag.INT);
      yamlConstructors.put(
          Tag.INT,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              Object value = integers.construct(node);
              String text = ((ScalarNode) node).getValue().replace("_", "");
              // Past uint64, go-yaml keeps only decimal numbers (as floats): 0xab70...e8 is text.
              return value instanceof BigInteger big
                      && !fitsGoInteger(big)
                      && !GO_YAML_FLOAT.matcher(text).matches()
                  ? ((ScalarNode) node).getValue()
                  : value;
            }
          });
      // go-yaml reads a tag it does not know (`condition: !redis.emulate`) as no tag at all.
      yamlConstructors.put(
          null,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              return switch (node.getNodeId()) {
                case scalar -> ((ScalarNode) node).getValue();
                case sequence -> new ConstructYamlSeq().construct(node);
                default -> new ConstructYamlMap().construct(node);
              };
            }
          });
    }

    /** An int64, or a uint64 when positive: what go-yaml's ParseInt and ParseUint accept. */
    private static boolean fitsGoInteger(BigInteger value) {
      return value.bitLength() <= (value.signum() < 0 ? 63 : 64);
    }

    /** One composed document, with merge keys applied, for {@link #documents}. */
    Object constructNode(Node node) {
      return constructDocument(node);
    }
  }

  /** YAML 1.1 scalars as go-yaml v2 resolves them, except that timestamps stay strings. */
  private static final class NoTimestampResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, GO_YAML_BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
