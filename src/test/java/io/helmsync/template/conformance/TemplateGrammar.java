package io.helmsync.template.conformance;

import io.helmsync.template.property.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random templates from a grammar of the language, written against the values they will see: text,
 * actions printing fields of {@code .Values}, pipelines through a safe subset of functions ({@code
 * default quote upper toYaml toJson len index printf eq not}), {@code if/else}, {@code with},
 * {@code range} with variables, {@code $x :=}, helpers through {@code include}, and trim markers.
 * Field paths follow the generated values, so most actions reach real data of a known type, and
 * functions get arguments of the types they take.
 */
final class TemplateGrammar {
  private static final List<String> TEXTS =
      List.of("a", " ", "\n", "  key: ", "- ", "é", "日本語", "{", "}", "😀", "\t");
  private static final int MAX_DEPTH = 3;

  private final SplittableRandom random;
  private final Map<String, Object> root;
  private final List<Helper> helpers = new ArrayList<>();
  private int variables;

  /** A {@code define}d template and the argument its body was written for. */
  record Helper(String name, Expr argument, List<Node> body) {}

  /** An expression's text and the value it evaluates to, which decides what may be applied. */
  record Expr(String text, Object value) {}

  /** What {@code .}, {@code $} and the variables denote where a node is generated. */
  private record Scope(Expr dot, Expr dollar, List<Expr> variables) {
    Scope with(Expr variable) {
      List<Expr> more = new ArrayList<>(variables);
      more.add(variable);
      return new Scope(dot, dollar, more);
    }
  }

  private TemplateGrammar(SplittableRandom random, Map<String, Object> values) {
    this.random = random;
    this.root = new LinkedHashMap<>();
    root.put("Values", values);
  }

  /**
   * A template and its helpers for these values; helpers are made first, so it can include them.
   */
  static GeneratedCase generate(SplittableRandom random, Map<String, Object> values) {
    TemplateGrammar grammar = new TemplateGrammar(random, values);
    int helperCount = random.nextInt(3);
    for (int i = 0; i < helperCount; i++) {
      grammar.helper("h" + i);
    }
    List<Node> defines = grammar.helpers.stream().map(TemplateGrammar::define).toList();
    Scope top = new Scope(new Expr(".", grammar.root), new Expr("$", grammar.root), List.of());
    return new GeneratedCase(values, grammar.nodes(top, 0), defines);
  }

  private void helper(String name) {
    Expr argument = path(new Expr("$", root));
    Scope inside =
        new Scope(new Expr(".", argument.value()), new Expr("$", argument.value()), List.of());
    helpers.add(new Helper(name, argument, nodes(inside, 1)));
  }

  private static Node define(Helper helper) {
    return new Node("{{ define \"" + helper.name() + "\" }}", helper.body(), "{{ end }}");
  }

  private List<Node> nodes(Scope scope, int depth) {
    List<Node> nodes = new ArrayList<>();
    int count = 1 + random.nextInt(depth == 0 ? 5 : 3);
    for (int i = 0; i < count; i++) {
      if (random.nextInt(6) == 0) {
        Expr value = expr(scope);
        String name = "$v" + variables++;
        nodes.add(Node.text(action(name + " := " + value.text())));
        scope = scope.with(new Expr(name, value.value()));
      } else {
        nodes.add(node(scope, depth));
      }
    }
    return nodes;
  }

  private Node node(Scope scope, int depth) {
    int kind = random.nextInt(depth < MAX_DEPTH ? 10 : 5);
    return switch (kind) {
      case 0, 1 -> Node.text(ValueTrees.pick(random, TEXTS));
      case 2, 3 -> Node.text(action(pipeline(scope)));
      case 4 -> helpers.isEmpty() ? Node.text(action(pipeline(scope))) : Node.text(include());
      case 5, 6 -> ifElse(scope, depth);
      case 7 -> with(scope, depth);
      default -> range(scope, depth);
    };
  }

  private String include() {
    Helper helper = helpers.get(random.nextInt(helpers.size()));
    String call = "include \"" + helper.name() + "\" " + helper.argument().text();
    return action(
        random.nextBoolean()
            ? call
            : call + " | " + ValueTrees.pick(random, List.of("quote", "upper", "toJson")));
  }

  private Node ifElse(Scope scope, int depth) {
    List<Node> body = new ArrayList<>(nodes(scope, depth + 1));
    if (random.nextBoolean()) {
      body.add(Node.text(action("else")));
      body.addAll(nodes(scope, depth + 1));
    }
    return new Node(action("if " + condition(scope)), body, action("end"));
  }

  private Node with(Scope scope, int depth) {
    Expr subject = expr(scope);
    Scope inside = new Scope(new Expr(".", subject.value()), scope.dollar(), scope.variables());
    return new Node(action("with " + subject.text()), nodes(inside, depth + 1), action("end"));
  }

  private Node range(Scope scope, int depth) {
    Expr subject = collection(scope);
    Object element = firstElement(subject.value());
    String key = "$k" + variables++;
    String value = "$e" + variables++;
    Scope inside =
        new Scope(new Expr(".", element), scope.dollar(), scope.variables())
            .with(new Expr(key, subject.value() instanceof Map ? "" : 0.0))
            .with(new Expr(value, element));
    String header =
        random.nextBoolean()
            ? "range " + key + ", " + value + " := " + subject.text()
            : "range " + subject.text();
    return new Node(action(header), nodes(inside, depth + 1), action("end"));
  }

  private String condition(Scope scope) {
    Expr subject = expr(scope);
    return switch (random.nextInt(4)) {
      case 0 -> "not " + subject.text();
      case 1 ->
          isComparable(subject.value())
              ? "eq " + subject.text() + " " + sameTypeOperand(subject)
              : subject.text();
      default -> subject.text();
    };
  }

  private String pipeline(Scope scope) {
    Expr subject = expr(scope);
    String text = subject.text();
    Object value = subject.value();
    return switch (random.nextInt(12)) {
      case 0 -> text + " | quote";
      case 1 -> "toYaml " + text;
      case 2 -> text + " | toJson";
      case 3 -> "default \"fallback\" " + text;
      case 4 -> "printf \"%v|%s\" " + text + " \"x\"";
      case 5 -> value instanceof String ? text + " | upper" : "printf \"%v\" " + text;
      case 6 -> hasLength(value) ? "len " + text : text;
      case 7 -> isComparable(value) ? "eq " + text + " " + sameTypeOperand(subject) : text;
      case 8 -> "toYaml " + text + " | quote";
      default -> text;
    };
  }

  /**
   * Only scalars: Go's {@code eq} refuses maps and lists with a message naming their Go type, which
   * for {@code .Values} is a documented deviation (errors.yaml).
   */
  private static boolean isComparable(Object value) {
    return value instanceof String || value instanceof Double || value instanceof Boolean;
  }

  /**
   * A literal or expression Go's {@code eq} can compare with {@code subject} without a type error.
   */
  private String sameTypeOperand(Expr subject) {
    Object value = subject.value();
    if (value instanceof String) {
      return GoLiteral.string(ValueTrees.string(random));
    }
    if (value instanceof Double) {
      return random.nextBoolean() ? GoLiteral.number(value) : "1.5";
    }
    return random.nextBoolean() ? "true" : subject.text();
  }

  private Expr expr(Scope scope) {
    int start = random.nextInt(4 + scope.variables().size());
    Expr from =
        switch (start) {
          case 0, 1 -> scope.dot();
          case 2, 3 -> scope.dollar();
          default -> scope.variables().get(start - 4);
        };
    return path(from);
  }

  /**
   * A walk down from {@code from}: fields for plain keys, {@code index} for other keys and lists.
   * From the top-level object it always enters {@code .Values}: the rest of Helm's top-level object
   * (Capabilities, the Chart struct) is not data the harness gives helmsync.
   */
  private Expr path(Expr from) {
    Expr at =
        from.value() == root ? new Expr(field(from.text(), "Values"), root.get("Values")) : from;
    while (random.nextInt(4) > 0) {
      Expr next = step(at);
      if (next == null) {
        break;
      }
      at = next;
    }
    return at;
  }

  private Expr step(Expr at) {
    if (at.value() instanceof Map<?, ?> map && !map.isEmpty()) {
      String key = (String) ValueTrees.pick(random, List.copyOf(map.keySet()));
      if (random.nextInt(10) == 0) {
        key = "missing";
      }
      return new Expr(field(at.text(), key), map.get(key));
    }
    if (at.value() instanceof List<?> list && !list.isEmpty()) {
      int index = random.nextInt(list.size());
      return new Expr("(index " + at.text() + " " + index + ")", list.get(index));
    }
    return null;
  }

  private static String field(String base, String key) {
    if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return "(index " + base + " " + GoLiteral.string(key) + ")";
    }
    return base.equals(".") ? "." + key : base + "." + key;
  }

  private Expr collection(Scope scope) {
    for (int attempt = 0; attempt < 8; attempt++) {
      Expr candidate = expr(scope);
      if (candidate.value() instanceof Map || candidate.value() instanceof List) {
        return candidate;
      }
    }
    return new Expr("$.Values", root.get("Values"));
  }

  private static Object firstElement(Object collection) {
    if (collection instanceof Map<?, ?> map && !map.isEmpty()) {
      return map.values().iterator().next();
    }
    if (collection instanceof List<?> list && !list.isEmpty()) {
      return list.get(0);
    }
    return null;
  }

  private static boolean hasLength(Object value) {
    return value instanceof String || value instanceof Map || value instanceof List;
  }

  /** An action, with a trim marker on either side one time in four. */
  private String action(String inner) {
    String left = random.nextInt(4) == 0 ? "{{- " : "{{ ";
    String right = random.nextInt(4) == 0 ? " -}}" : " }}";
    return left + inner + right;
  }
}
