package io.helmsync.template;

import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.NoValue;
import io.helmsync.template.parse.ParseException;
import io.helmsync.template.parse.Parser;
import io.helmsync.template.parse.Tree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A set of named templates that can call each other, like Go's {@code *template.Template}: texts
 * are parsed into it one by one (a chart's files, a helmfile's parts), then any of them is executed
 * with some data. Parsing is not thread-safe; executing a fully parsed set is.
 */
public final class Template {
  private Functions functions;
  private final MissingKey missingKey;
  private final Map<String, Tree> trees;

  private Template(Functions functions, MissingKey missingKey, Map<String, Tree> trees) {
    this.functions = functions;
    this.missingKey = missingKey;
    this.trees = trees;
  }

  /** An empty set whose templates may call these functions (besides Go's builtins). */
  public static Template create(Functions functions, MissingKey missingKey) {
    return new Template(functions, missingKey, new LinkedHashMap<>());
  }

  /** An empty set with these functions plus those {@code bound} makes for the set itself. */
  public static Template create(
      Functions functions, MissingKey missingKey, Function<Template, Functions> bound) {
    return create(functions, missingKey).copyWith(bound);
  }

  /**
   * Parses {@code text} as the template {@code name}, adding it and every template it defines to
   * the set. A later definition of a name replaces an earlier one, except that an empty body (only
   * whitespace) never replaces a defined template, as in Go.
   *
   * @throws TemplateException with Go's message, e.g. {@code template: t:1: function "x" not
   *     defined}
   */
  public Template parse(String name, String text) {
    Map<String, Tree> parsed;
    try {
      parsed = Parser.parse(name, text, this::hasFunction);
    } catch (ParseException e) {
      throw new TemplateException(
          new TemplateException.Location(e.name(), e.line(), -1),
          "",
          e.detail(),
          e.actionLine(),
          e);
    }
    parsed.forEach(this::associate);
    return this;
  }

  private void associate(String name, Tree tree) {
    Tree existing = trees.get(name);
    if (existing != null && tree.isEmpty()) {
      return;
    }
    trees.put(name, tree);
  }

  /** Executes the named template with {@code data} as dot and {@code $}. */
  public String execute(String name, Object data) {
    StringBuilder out = new StringBuilder();
    execute(name, data, out);
    return out.toString();
  }

  /** Executes into {@code out}; on error, what was written before the error stays in it. */
  public void execute(String name, Object data, StringBuilder out) {
    execute(name, name, data, out);
  }

  /**
   * Executes as Go's {@code ExecuteTemplate} on the template called {@code setName} (Helm's is
   * "gotpl"), which names it when {@code name} is missing.
   */
  public void execute(String setName, String name, Object data, StringBuilder out) {
    Tree tree = trees.get(name);
    if (tree == null) {
      throw new TemplateException(
          "template: no template "
              + GoQuote.quote(name)
              + " associated with template "
              + GoQuote.quote(setName));
    }
    new Executor(this, out).run(tree, data == null ? NoValue.NO_VALUE : data);
  }

  /** Whether a template of this name is defined. */
  public boolean has(String name) {
    return trees.containsKey(name);
  }

  /** A copy sharing the parsed trees, to which new texts can be added without changing this set. */
  public Template copy() {
    return new Template(functions, missingKey, new LinkedHashMap<>(trees));
  }

  /**
   * A copy whose functions are this set's plus those {@code extra} makes for the copy itself, so
   * that functions such as Helm's {@code include} can close over the set they belong to.
   */
  public Template copyWith(Function<Template, Functions> extra) {
    Template copy = new Template(functions, missingKey, new LinkedHashMap<>(trees));
    copy.functions = functions.with(extra.apply(copy));
    return copy;
  }

  public MissingKey missingKey() {
    return missingKey;
  }

  Optional<Tree> tree(String name) {
    return Optional.ofNullable(trees.get(name));
  }

  boolean hasFunction(String name) {
    return functions.has(name) || Builtins.FUNCTIONS.has(name);
  }

  /** The function of that name: the caller's own first, then Go's builtins. */
  Optional<GoFunction> function(String name) {
    return functions.get(name).or(() -> Builtins.FUNCTIONS.get(name));
  }

  boolean isBuiltin(String name) {
    return !functions.has(name) && Builtins.FUNCTIONS.has(name);
  }
}
