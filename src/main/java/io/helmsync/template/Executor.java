package io.helmsync.template;

import io.helmsync.template.TemplateException.Location;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.golib.GoStruct;
import io.helmsync.template.golib.GoType;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.Int64;
import io.helmsync.template.golib.NoValue;
import io.helmsync.template.parse.Node;
import io.helmsync.template.parse.Node.ActionNode;
import io.helmsync.template.parse.Node.BoolNode;
import io.helmsync.template.parse.Node.BranchNode;
import io.helmsync.template.parse.Node.BreakNode;
import io.helmsync.template.parse.Node.ChainNode;
import io.helmsync.template.parse.Node.CommandNode;
import io.helmsync.template.parse.Node.ContinueNode;
import io.helmsync.template.parse.Node.DotNode;
import io.helmsync.template.parse.Node.FieldNode;
import io.helmsync.template.parse.Node.IdentifierNode;
import io.helmsync.template.parse.Node.ListNode;
import io.helmsync.template.parse.Node.NilNode;
import io.helmsync.template.parse.Node.NumberNode;
import io.helmsync.template.parse.Node.PipeNode;
import io.helmsync.template.parse.Node.StringNode;
import io.helmsync.template.parse.Node.TemplateNode;
import io.helmsync.template.parse.Node.TextNode;
import io.helmsync.template.parse.Node.VariableNode;
import io.helmsync.template.parse.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parse tree as Go's {@code text/template} does ({@code exec.go}): the same value rules,
 * the same nil and missing-key behaviour, the same error messages. One instance per execution.
 */
final class Executor {
  static final int MAX_DEPTH = 100_000;

  /** Go's {@code missingVal}: no value piped in from a previous command. */
  private static final Object MISSING = new Object();

  private final Template template;
  private final StringBuilder out;
  private final List<Variable> vars = new ArrayList<>();
  private Tree tree;
  private Node node;
  private int depth;

  /**
   * A value read out of a map or list: Go types it as {@code interface{}}, which shows in messages
   * such as "can't evaluate field x in type interface {}". Pipelines unwrap it.
   */
  private record Elem(Object value) {}

  private static final class Variable {
    final String name;
    Object value;

    Variable(String name, Object value) {
      this.name = name;
      this.value = value;
    }
  }

  /** Ends the innermost range ({@code {{break}}}); carries no stack trace. */
  private static final class Break extends RuntimeException {
    Break() {
      super(null, null, false, false);
    }
  }

  /** Ends the current range iteration ({@code {{continue}}}). */
  private static final class Continue extends RuntimeException {
    Continue() {
      super(null, null, false, false);
    }
  }

  private static final Break BREAK = new Break();
  private static final Continue CONTINUE = new Continue();

  Executor(Template template, StringBuilder out) {
    this.template = template;
    this.out = out;
  }

  void run(Tree root, Object data) {
    tree = root;
    vars.add(new Variable("$", data));
    try {
      walk(data, root.root());
    } catch (StackOverflowError e) {
      node = null;
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
  }

  // ---- walking the tree

  private void walk(Object dot, Node n) {
    node = n;
    if (n instanceof TextNode text) {
      out.append(text.text());
    } else if (n instanceof ActionNode action) {
      Object value = evalPipeline(dot, action.pipe());
      if (action.pipe().decl().isEmpty()) {
        printValue(action, value);
      }
    } else if (n instanceof ListNode list) {
      for (Node child : list.nodes()) {
        walk(dot, child);
      }
    } else if (n instanceof BranchNode branch) {
      walkBranch(dot, branch);
    } else if (n instanceof TemplateNode call) {
      walkTemplate(dot, call);
    } else if (n instanceof BreakNode) {
      throw BREAK;
    } else if (n instanceof ContinueNode) {
      throw CONTINUE;
    } else {
      throw error("unknown node: " + n);
    }
  }

  private void walkBranch(Object dot, BranchNode branch) {
    if (branch.kind() == BranchNode.Kind.RANGE) {
      walkRange(dot, branch);
      return;
    }
    int mark = vars.size();
    try {
      Object value = evalPipeline(dot, branch.pipe());
      if (GoValues.truth(value)) {
        walk(branch.kind() == BranchNode.Kind.WITH ? value : dot, branch.list());
      } else if (branch.elseList() != null) {
        walk(dot, branch.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode range) {
    node = range;
    int outer = vars.size();
    try {
      Object value = evalPipeline(dot, range.pipe());
      if (!iterate(range, value) && range.elseList() != null) {
        walk(dot, range.elseList());
      }
    } finally {
      pop(outer);
    }
  }

  /** Runs the range body over the value; false when there was nothing to iterate. */
  private boolean iterate(BranchNode range, Object value) {
    int mark = vars.size();
    try {
      if (value instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          iteration(range, mark, (long) i, wrap(list.get(i)));
        }
        return !list.isEmpty();
      }
      if (value instanceof Map<?, ?> map) {
        for (String key : GoPrint.sortedKeys(map)) {
          iteration(range, mark, key, wrap(map.get(key)));
        }
        return !map.isEmpty();
      }
      if (GoValues.isInteger(value)) {
        return iterateInteger(range, mark, value);
      }
    } catch (Break done) {
      return true;
    }
    if (value == NoValue.NO_VALUE) {
      return false;
    }
    throw error("range can't iterate over " + GoPrint.value(value));
  }

  private boolean iterateInteger(BranchNode range, int mark, Object value) {
    if (range.pipe().decl().size() > 1) {
      throw error("can't use " + GoPrint.value(value) + " to iterate over more than one variable");
    }
    long count = GoValues.integer(value);
    for (long i = 0; i < count; i++) {
      iteration(range, mark, NoValue.NO_VALUE, value instanceof Int64 ? new Int64(i) : (Object) i);
    }
    return count > 0;
  }

  private void iteration(BranchNode range, int mark, Object index, Object element) {
    int declared = range.pipe().decl().size();
    if (declared > 0) {
      vars.get(vars.size() - 1).value = element;
    }
    if (declared > 1) {
      vars.get(vars.size() - 2).value = index;
    }
    try {
      walk(element, range.list());
    } catch (Continue next) {
      // on to the next element
    } finally {
      pop(mark);
    }
  }

  private void walkTemplate(Object dot, TemplateNode call) {
    node = call;
    Tree called =
        template
            .tree(call.name())
            .orElseThrow(() -> error("template " + GoQuote.quote(call.name()) + " not defined"));
    if (depth >= MAX_DEPTH) {
      throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = call.pipe() == null ? NoValue.NO_VALUE : evalPipeline(dot, call.pipe());
    Executor inner = new Executor(template, out);
    inner.depth = depth + 1;
    inner.tree = called;
    inner.vars.add(new Variable("$", newDot));
    inner.walk(newDot, called.root());
  }

  private void printValue(Node at, Object value) {
    node = at;
    if (value instanceof GoFunction) {
      throw error("can't print " + at + " of type func");
    }
    if (value == NoValue.NO_VALUE) {
      out.append("<no value>");
    } else {
      GoPrint.append(out, value);
    }
  }

  // ---- pipelines and commands

  private Object evalPipeline(Object dot, PipeNode pipe) {
    node = pipe;
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = unwrap(evalCommand(dot, cmd, value));
    }
    for (VariableNode variable : pipe.decl()) {
      if (pipe.isAssign()) {
        setVar(variable.idents().get(0), value);
      } else {
        vars.add(new Variable(variable.idents().get(0), value));
      }
    }
    return value;
  }

  /** Go's "dig down one level" after each command: interface values become their content. */
  private static Object unwrap(Object value) {
    if (value instanceof Elem elem) {
      value = elem.value();
    }
    return value == null ? NoValue.NO_VALUE : value;
  }

  private static Object wrap(Object value) {
    return value == null ? null : new Elem(value);
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().get(0);
    if (first instanceof FieldNode field) {
      return evalFieldChain(dot, dot, field, field.idents(), cmd.args(), fin);
    }
    if (first instanceof ChainNode chain) {
      return evalChainNode(dot, chain, cmd.args(), fin);
    }
    if (first instanceof IdentifierNode identifier) {
      return evalFunction(dot, identifier, cmd, cmd.args(), fin);
    }
    if (first instanceof PipeNode pipe) {
      notAFunction(cmd.args(), fin);
      return evalPipeline(dot, pipe);
    }
    if (first instanceof VariableNode variable) {
      return evalVariableNode(dot, variable, cmd.args(), fin);
    }
    node = first;
    notAFunction(cmd.args(), fin);
    if (first instanceof BoolNode bool) {
      return bool.value();
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw error("nil is not a command");
    }
    if (first instanceof NumberNode number) {
      return idealConstant(number);
    }
    if (first instanceof StringNode string) {
      return string.text();
    }
    throw error("can't evaluate command " + GoQuote.quote(first.toString()));
  }

  private void notAFunction(List<Node> args, Object fin) {
    if (args != null && args.size() > 1 || fin != MISSING) {
      throw error("can't give argument to non-function " + args.get(0));
    }
  }

  private Object idealConstant(NumberNode constant) {
    node = constant;
    String text = constant.text();
    boolean hexInt =
        text.length() > 2
            && text.charAt(0) == '0'
            && (text.charAt(1) == 'x' || text.charAt(1) == 'X')
            && !text.matches(".*[pP].*");
    boolean runeInt = text.startsWith("'");
    if (constant.isFloat() && !hexInt && !runeInt && text.matches(".*[.eEpP].*")) {
      return constant.floatValue();
    }
    if (constant.isInt()) {
      return constant.intValue();
    }
    throw error(text + " overflows int");
  }

  private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
    node = chain;
    if (chain.node() instanceof NilNode) {
      throw error("indirection through explicit nil in " + chain);
    }
    Object receiver = evalArg(dot, null, chain.node());
    return evalFieldChain(dot, receiver, chain, chain.fields(), args, fin);
  }

  private Object evalVariableNode(Object dot, VariableNode variable, List<Node> args, Object fin) {
    node = variable;
    Object value = varValue(variable.idents().get(0));
    if (variable.idents().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    List<String> fields = variable.idents().subList(1, variable.idents().size());
    return evalFieldChain(dot, value, variable, fields, args, fin);
  }

  private Object evalFieldChain(
      Object dot, Object receiver, Node at, List<String> idents, List<Node> args, Object fin) {
    if (at instanceof FieldNode) {
      node = at;
    }
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      receiver = evalField(dot, idents.get(i), at, null, MISSING, receiver);
    }
    return evalField(dot, idents.get(n - 1), at, args, fin, receiver);
  }

  private Object evalField(
      Object dot, String name, Node at, List<Node> args, Object fin, Object receiver) {
    if (receiver == NoValue.NO_VALUE) {
      if (template.missingKey() == MissingKey.ERROR) {
        throw error("nil data; no entry for key " + GoQuote.quote(name));
      }
      return NoValue.NO_VALUE;
    }
    String type =
        receiver instanceof Elem || receiver == null ? "interface {}" : GoValues.typeName(receiver);
    Object value = receiver instanceof Elem elem ? elem.value() : receiver;
    if (value == null) {
      throw error("nil pointer evaluating " + type + "." + name);
    }
    boolean hasArgs = args != null && args.size() > 1 || fin != MISSING;
    if (value instanceof GoStruct struct) {
      Object member = struct.member(name).orElse(MISSING);
      if (member instanceof GoFunction method) {
        return evalCall(dot, method, at, name, args, fin);
      }
      if (member != MISSING) {
        if (hasArgs) {
          throw error(name + " has arguments but cannot be invoked as function");
        }
        return member;
      }
    } else if (value instanceof Map<?, ?> map) {
      if (hasArgs) {
        throw error(name + " is not a method but has arguments");
      }
      return mapField(map, name);
    }
    throw error("can't evaluate field " + name + " in type " + type);
  }

  private Object mapField(Map<?, ?> map, String name) {
    if (map.containsKey(name)) {
      return wrap(map.get(name));
    }
    return switch (template.missingKey()) {
      case DEFAULT -> NoValue.NO_VALUE;
      case ZERO -> null;
      case ERROR -> throw error("map has no entry for key " + GoQuote.quote(name));
    };
  }

  private Object evalFunction(
      Object dot, IdentifierNode identifier, Node cmd, List<Node> args, Object fin) {
    node = identifier;
    String name = identifier.name();
    GoFunction function =
        template
            .function(name)
            .orElseThrow(() -> error(GoQuote.quote(name) + " is not a defined function"));
    if (template.isBuiltin(name) && (name.equals("and") || name.equals("or"))) {
      return evalAndOr(dot, name.equals("or"), args, fin);
    }
    if (template.isBuiltin(name) && name.equals("call")) {
      String callee = args != null && args.size() > 1 ? args.get(1).toString() : GoPrint.value(fin);
      return evalCall(dot, Builtins.callNamed(callee), cmd, name, args, fin);
    }
    return evalCall(dot, function, cmd, name, args, fin);
  }

  /** Go's short-circuit {@code and}/{@code or}: returns the first deciding argument itself. */
  private Object evalAndOr(Object dot, boolean or, List<Node> args, Object fin) {
    List<Node> operands = args == null ? List.of() : args.subList(1, args.size());
    if (operands.isEmpty() && fin == MISSING) {
      throw error("wrong number of args for " + (or ? "or" : "and") + ": want at least 1 got 0");
    }
    Object value = NoValue.NO_VALUE;
    for (Node operand : operands) {
      value = evalArg(dot, GoType.VALUE, operand);
      if (GoValues.truth(value) == or) {
        return value;
      }
    }
    if (fin != MISSING) {
      value = validateType(fin, GoType.VALUE);
    }
    return value;
  }

  private Object evalCall(
      Object dot, GoFunction function, Node at, String name, List<Node> args, Object fin) {
    List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
    int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
    int fixed = function.fixedCount();
    if (function.variadic()) {
      if (numIn < fixed) {
        throw error(
            "wrong number of args for "
                + name
                + ": want at least "
                + fixed
                + " got "
                + argNodes.size());
      }
    } else if (numIn != fixed) {
      throw error("wrong number of args for " + name + ": want " + fixed + " got " + numIn);
    }
    Object[] argv = new Object[numIn];
    for (int i = 0; i < argNodes.size(); i++) {
      argv[i] = evalArg(dot, function.paramAt(i), argNodes.get(i));
    }
    if (fin != MISSING) {
      argv[numIn - 1] = validateType(fin, function.paramAt(numIn - 1));
    }
    try {
      return function.body().call(argv);
    } catch (GoError | TemplateException e) {
      // A template error inside include or tpl is a function's error too: Go chains the messages.
      node = at;
      throw error("error calling " + name + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      node = at;
      throw error("error calling " + name + ": " + e, e);
    }
  }

  // ---- arguments

  private Object evalArg(Object dot, GoType type, Node arg) {
    node = arg;
    if (arg instanceof DotNode) {
      return validateType(dot, type);
    }
    if (arg instanceof NilNode) {
      if (type == null || type.canBeNil()) {
        return type == GoType.VALUE ? NoValue.NO_VALUE : null;
      }
      throw error("cannot assign nil to " + type.goName());
    }
    if (arg instanceof FieldNode field) {
      return validateType(
          evalFieldChain(dot, dot, field, field.idents(), List.of(arg), MISSING), type);
    }
    if (arg instanceof VariableNode variable) {
      return validateType(evalVariableNode(dot, variable, null, MISSING), type);
    }
    if (arg instanceof PipeNode pipe) {
      return validateType(evalPipeline(dot, pipe), type);
    }
    if (arg instanceof IdentifierNode identifier) {
      return validateType(evalFunction(dot, identifier, identifier, null, MISSING), type);
    }
    if (arg instanceof ChainNode chain) {
      return validateType(evalChainNode(dot, chain, null, MISSING), type);
    }
    return literal(type == null ? GoType.ANY : type, arg);
  }

  private Object literal(GoType type, Node arg) {
    if (!(type instanceof GoType.Basic basic)) {
      throw error("can't handle " + arg + " for arg of type " + type.goName());
    }
    switch (basic) {
      case BOOL:
        if (arg instanceof BoolNode bool) {
          return bool.value();
        }
        throw error("expected bool; found " + arg);
      case STRING:
        if (arg instanceof StringNode string) {
          return string.text();
        }
        throw error("expected string; found " + arg);
      case INT, INT64:
        if (arg instanceof NumberNode number && number.isInt()) {
          return type == GoType.INT ? (Object) number.intValue() : new Int64(number.intValue());
        }
        throw error("expected integer; found " + arg);
      case FLOAT64:
        if (arg instanceof NumberNode number && number.isFloat()) {
          return number.floatValue();
        }
        throw error("expected float; found " + arg);
      case ANY, VALUE:
        return emptyInterface(arg);
      default:
        throw error("can't handle " + arg + " for arg of type " + type.goName());
    }
  }

  private Object emptyInterface(Node arg) {
    if (arg instanceof BoolNode bool) {
      return bool.value();
    }
    if (arg instanceof NumberNode number) {
      return idealConstant(number);
    }
    if (arg instanceof StringNode string) {
      return string.text();
    }
    throw error("can't handle assignment of " + arg + " to empty interface argument");
  }

  /** Go's {@code validateType}: checks a computed value against the parameter type. */
  private Object validateType(Object value, GoType type) {
    if (value == NoValue.NO_VALUE) {
      if (type == null || type == GoType.VALUE) {
        return NoValue.NO_VALUE;
      }
      if (type.canBeNil()) {
        return null;
      }
      throw error("invalid value; expected " + type.goName());
    }
    if (value == null) {
      if (type == null || type == GoType.ANY || type == GoType.VALUE) {
        return null;
      }
      throw error("wrong type for value; expected " + type.goName() + "; got interface {}");
    }
    if (type == null) {
      return value;
    }
    Object content = value instanceof Elem elem ? elem.value() : value;
    if (!type.accepts(content)) {
      throw error(
          "wrong type for value; expected "
              + type.goName()
              + "; got "
              + GoValues.typeName(content));
    }
    return content;
  }

  // ---- variables

  private Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(name)) {
        return vars.get(i).value;
      }
    }
    throw error("undefined variable: " + name);
  }

  private void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(name)) {
        vars.get(i).value = value;
        return;
      }
    }
    throw error("undefined variable: " + name);
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  // ---- errors

  private TemplateException error(String message) {
    return error(message, null);
  }

  /**
   * Go's {@code state.errorf}: {@code template: FILE:LINE:COL: executing "NAME" at <NODE>: ...}.
   */
  private TemplateException error(String message, Throwable cause) {
    if (node == null) {
      return new TemplateException(new Location(tree.name(), 0, -1), "", message, 0, cause);
    }
    Location location = location(node.pos());
    return new TemplateException(
        location,
        "executing " + GoQuote.quote(tree.name()) + " at <" + node + ">",
        message,
        location.line(),
        cause);
  }

  private Location location(int pos) {
    String text = tree.text();
    int safePos = Math.min(Math.max(pos, 0), text.length());
    String before = text.substring(0, safePos);
    int lineStart = before.lastIndexOf('\n') + 1;
    int column = before.substring(lineStart).getBytes(StandardCharsets.UTF_8).length;
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    return new Location(tree.parseName(), line, column);
  }
}
