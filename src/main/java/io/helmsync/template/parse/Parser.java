package io.helmsync.template.parse;

import io.helmsync.template.golib.GoLiterals;
import io.helmsync.template.golib.GoQuote;
import io.helmsync.template.parse.Node.ActionNode;
import io.helmsync.template.parse.Node.BoolNode;
import io.helmsync.template.parse.Node.BranchNode;
import io.helmsync.template.parse.Node.BreakNode;
import io.helmsync.template.parse.Node.ChainNode;
import io.helmsync.template.parse.Node.CommandNode;
import io.helmsync.template.parse.Node.ContinueNode;
import io.helmsync.template.parse.Node.DotNode;
import io.helmsync.template.parse.Node.ElseNode;
import io.helmsync.template.parse.Node.EndNode;
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
import io.helmsync.template.parse.Token.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Go's {@code text/template/parse}: builds the trees of one template text (the text itself and each
 * {@code define}/{@code block} in it) and reports errors with Go's messages ({@code template:
 * NAME:LINE: function "x" not defined}).
 */
public final class Parser {
  private final String parseName;
  private final String text;
  private final List<Token> tokens;
  private final Predicate<String> hasFunction;
  private final Map<String, Tree> trees;
  private int index;
  private int furthest;
  private List<String> vars = new ArrayList<>(List.of("$"));
  private int rangeDepth;
  private int actionLine;

  private Parser(
      String parseName, String text, Predicate<String> hasFunction, Map<String, Tree> trees) {
    this.parseName = parseName;
    this.text = text;
    this.tokens = Lexer.lex(text);
    this.hasFunction = hasFunction;
    this.trees = trees;
  }

  /**
   * Parses a text named {@code name}: its own tree and those of the templates it defines.
   *
   * @param hasFunction whether a function of that name exists, as Go's parser checks
   * @throws ParseException with Go's message, e.g. {@code template: t:1: function "x" not defined}
   */
  public static Map<String, Tree> parse(String name, String text, Predicate<String> hasFunction) {
    Map<String, Tree> trees = new LinkedHashMap<>();
    Parser parser = new Parser(name, text, hasFunction, trees);
    ListNode root = parser.parseTopLevel();
    parser.add(new Tree(name, name, text, root));
    return trees;
  }

  private ListNode parseTopLevel() {
    List<Node> nodes = new ArrayList<>();
    int pos = peek().pos();
    while (peek().type() != Type.EOF) {
      if (peek().type() == Type.LEFT_DELIM) {
        int mark = index;
        next();
        if (nextNonSpace().type() == Type.DEFINE) {
          parseDefinition();
          continue;
        }
        index = mark;
      }
      Node node = textOrAction();
      if (node instanceof EndNode || node instanceof ElseNode) {
        throw error("unexpected " + node);
      }
      nodes.add(node);
    }
    return new ListNode(pos, nodes);
  }

  private void parseDefinition() {
    String context = "define clause";
    Token nameToken = nextNonSpace();
    if (nameToken.type() != Type.STRING && nameToken.type() != Type.RAW_STRING) {
      throw unexpected(nameToken, context);
    }
    String name = unquote(nameToken);
    expect(Type.RIGHT_DELIM, context);
    List<String> outerVars = vars;
    vars = new ArrayList<>(List.of("$"));
    ListAndEnd body = itemList();
    vars = outerVars;
    if (!(body.end() instanceof EndNode)) {
      throw error("unexpected " + body.end() + " in " + context);
    }
    add(new Tree(name, parseName, text, body.list()));
  }

  /** Go's {@code Tree.add}: a second non-empty definition in the same text is an error. */
  private void add(Tree tree) {
    Tree existing = trees.get(tree.name());
    if (existing == null || existing.isEmpty()) {
      trees.put(tree.name(), tree);
    } else if (!tree.isEmpty()) {
      throw error("template: multiple definition of template " + GoQuote.quote(tree.name()));
    }
  }

  private record ListAndEnd(ListNode list, Node end) {}

  /** Parses nodes until an {@code end} or {@code else}, which it returns alongside. */
  private ListAndEnd itemList() {
    List<Node> nodes = new ArrayList<>();
    int pos = peekNonSpace().pos();
    while (peekNonSpace().type() != Type.EOF) {
      Node node = textOrAction();
      if (node instanceof EndNode || node instanceof ElseNode) {
        return new ListAndEnd(new ListNode(pos, nodes), node);
      }
      nodes.add(node);
    }
    throw error("unexpected EOF");
  }

  private Node textOrAction() {
    Token token = nextNonSpace();
    switch (token.type()) {
      case TEXT:
        return new TextNode(token.pos(), token.text());
      case LEFT_DELIM:
        actionLine = token.line();
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      default:
        throw unexpected(token, "input");
    }
  }

  private Node action() {
    Token token = nextNonSpace();
    switch (token.type()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return breakOrContinue(token, "break");
      case CONTINUE:
        return breakOrContinue(token, "continue");
      case ELSE:
        return elseControl();
      case END:
        return new EndNode(expect(Type.RIGHT_DELIM, "end").pos());
      case IF:
        return branch(BranchNode.Kind.IF);
      case RANGE:
        return branch(BranchNode.Kind.RANGE);
      case TEMPLATE:
        return templateControl();
      case WITH:
        return branch(BranchNode.Kind.WITH);
      default:
        backup();
        Token start = peek();
        return new ActionNode(start.pos(), start.line(), pipeline("command", Type.RIGHT_DELIM));
    }
  }

  private Node breakOrContinue(Token keyword, String word) {
    Token token = nextNonSpace();
    if (token.type() != Type.RIGHT_DELIM) {
      throw unexpected(token, "{{" + word + "}}");
    }
    if (rangeDepth == 0) {
      throw error("{{" + word + "}} outside {{range}}");
    }
    return word.equals("break")
        ? new BreakNode(keyword.pos(), keyword.line())
        : new ContinueNode(keyword.pos(), keyword.line());
  }

  private Node elseControl() {
    Token peek = peekNonSpace();
    if (peek.type() == Type.IF || peek.type() == Type.WITH) {
      // "{{else if ...": the if is parsed as the only node of the else list.
      return new ElseNode(peek.pos(), peek.line());
    }
    Token token = expect(Type.RIGHT_DELIM, "else");
    return new ElseNode(token.pos(), token.line());
  }

  private BranchNode branch(BranchNode.Kind kind) {
    String context = kind.name().toLowerCase();
    int varsMark = vars.size();
    try {
      PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth++;
      }
      ListAndEnd body = itemList();
      if (kind == BranchNode.Kind.RANGE) {
        rangeDepth--;
      }
      ListNode elseList =
          body.end() instanceof ElseNode otherwise ? elseList(kind, otherwise) : null;
      return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, body.list(), elseList);
    } finally {
      vars = new ArrayList<>(vars.subList(0, varsMark));
    }
  }

  private ListNode elseList(BranchNode.Kind kind, ElseNode otherwise) {
    if (kind == BranchNode.Kind.IF && peek().type() == Type.IF
        || kind == BranchNode.Kind.WITH && peek().type() == Type.WITH) {
      next();
      return new ListNode(otherwise.pos(), List.of(branch(kind)));
    }
    ListAndEnd body = itemList();
    if (!(body.end() instanceof EndNode)) {
      throw error("expected end; found " + body.end());
    }
    return body.list();
  }

  private Node blockControl() {
    String context = "block clause";
    Token token = nextNonSpace();
    String name = templateName(token, context);
    PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
    List<String> outerVars = vars;
    int outerRangeDepth = rangeDepth;
    vars = new ArrayList<>(List.of("$"));
    rangeDepth = 0;
    ListAndEnd body = itemList();
    vars = outerVars;
    rangeDepth = outerRangeDepth;
    if (!(body.end() instanceof EndNode)) {
      throw error("unexpected " + body.end() + " in " + context);
    }
    add(new Tree(name, parseName, text, body.list()));
    return new TemplateNode(token.pos(), token.line(), name, pipe);
  }

  private Node templateControl() {
    String context = "template clause";
    Token token = nextNonSpace();
    String name = templateName(token, context);
    PipeNode pipe = null;
    if (nextNonSpace().type() != Type.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context, Type.RIGHT_DELIM);
    }
    return new TemplateNode(token.pos(), token.line(), name, pipe);
  }

  private String templateName(Token token, String context) {
    if (token.type() != Type.STRING && token.type() != Type.RAW_STRING) {
      throw unexpected(token, context);
    }
    return unquote(token);
  }

  // ---- pipelines

  private PipeNode pipeline(String context, Type end) {
    Token start = peekNonSpace();
    boolean isAssign = false;
    List<VariableNode> decl = new ArrayList<>();
    while (peekNonSpace().type() == Type.VARIABLE) {
      int mark = index;
      Token variable = nextNonSpace();
      Token following = peekNonSpace();
      if (following.type() == Type.ASSIGN || following.type() == Type.DECLARE) {
        isAssign = following.type() == Type.ASSIGN;
        nextNonSpace();
        decl.add(new VariableNode(variable.pos(), List.of(variable.text())));
        vars.add(variable.text());
        break;
      }
      if (following.type() == Type.CHAR && following.text().equals(",")) {
        nextNonSpace();
        decl.add(new VariableNode(variable.pos(), List.of(variable.text())));
        vars.add(variable.text());
        if (context.equals("range") && decl.size() < 2) {
          Type after = peekNonSpace().type();
          if (after == Type.VARIABLE || after == Type.RIGHT_DELIM || after == Type.RIGHT_PAREN) {
            continue;
          }
          throw error("range can only initialize variables");
        }
        throw error("too many declarations in " + context);
      }
      index = mark;
      break;
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      Token token = nextNonSpace();
      if (token.type() == end) {
        PipeNode pipe = new PipeNode(start.pos(), start.line(), isAssign, decl, cmds);
        checkPipeline(pipe, context);
        return pipe;
      }
      switch (token.type()) {
        case BOOL,
            CHAR_CONSTANT,
            DOT,
            FIELD,
            IDENTIFIER,
            NUMBER,
            NIL,
            RAW_STRING,
            STRING,
            VARIABLE,
            LEFT_PAREN -> {
          backup();
          cmds.add(command());
        }
        default -> throw unexpected(token, context);
      }
    }
  }

  private void checkPipeline(PipeNode pipe, String context) {
    if (pipe.cmds().isEmpty()) {
      throw error("missing value for " + context);
    }
    for (int i = 1; i < pipe.cmds().size(); i++) {
      Node first = pipe.cmds().get(i).args().get(0);
      if (first instanceof BoolNode
          || first instanceof DotNode
          || first instanceof NilNode
          || first instanceof NumberNode
          || first instanceof StringNode) {
        throw error("non executable command in pipeline stage " + (i + 1));
      }
    }
  }

  private CommandNode command() {
    List<Node> args = new ArrayList<>();
    int pos = peekNonSpace().pos();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token token = next();
      if (token.type() == Type.SPACE) {
        continue;
      }
      if (token.type() == Type.RIGHT_DELIM || token.type() == Type.RIGHT_PAREN) {
        backup();
      } else if (token.type() != Type.PIPE) {
        throw unexpected(token, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error("empty command");
    }
    return new CommandNode(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null || peek().type() != Type.FIELD) {
      return node;
    }
    int pos = peek().pos();
    List<String> fields = new ArrayList<>();
    while (peek().type() == Type.FIELD) {
      fields.add(next().text().substring(1));
    }
    if (node instanceof FieldNode field) {
      return new FieldNode(pos, concat(field.idents(), fields));
    }
    if (node instanceof VariableNode variable) {
      return new VariableNode(pos, concat(variable.idents(), fields));
    }
    if (node instanceof BoolNode
        || node instanceof StringNode
        || node instanceof NumberNode
        || node instanceof NilNode
        || node instanceof DotNode) {
      throw error("unexpected . after term " + GoQuote.quote(node.toString()));
    }
    return new ChainNode(pos, node, fields);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private Node term() {
    Token token = nextNonSpace();
    switch (token.type()) {
      case IDENTIFIER:
        if (!hasFunction.test(token.text())) {
          throw error("function " + GoQuote.quote(token.text()) + " not defined");
        }
        return new IdentifierNode(token.pos(), token.text());
      case DOT:
        return new DotNode(token.pos());
      case NIL:
        return new NilNode(token.pos());
      case VARIABLE:
        return useVar(token);
      case FIELD:
        return new FieldNode(token.pos(), fieldIdents(token.text()));
      case BOOL:
        return new BoolNode(token.pos(), token.text().equals("true"));
      case CHAR_CONSTANT, NUMBER:
        return number(token);
      case LEFT_PAREN:
        return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
      case STRING, RAW_STRING:
        return new StringNode(token.pos(), token.text(), unquote(token));
      default:
        backup();
        return null;
    }
  }

  private static List<String> fieldIdents(String field) {
    return Arrays.asList(field.substring(1).split("\\.", -1));
  }

  private Node useVar(Token token) {
    List<String> idents = Arrays.asList(token.text().split("\\.", -1));
    if (!vars.contains(idents.get(0))) {
      throw error("undefined variable " + GoQuote.quote(idents.get(0)));
    }
    return new VariableNode(token.pos(), idents);
  }

  private NumberNode number(Token token) {
    String literal = token.text();
    if (token.type() == Type.CHAR_CONSTANT) {
      Integer rune = GoLiterals.unquoteRune(literal);
      if (rune == null) {
        throw error("malformed character constant: " + literal);
      }
      return new NumberNode(token.pos(), literal, true, rune, true, rune);
    }
    Long integer = GoLiterals.parseInt(literal);
    if (integer != null) {
      return new NumberNode(token.pos(), literal, true, integer, true, integer.doubleValue());
    }
    if (GoLiterals.isUint(literal)) {
      // Fits uint64 but not int64: Go keeps it as a float and later reports "overflows int".
      Double value = GoLiterals.parseFloat(literal.replace("_", ""));
      return new NumberNode(token.pos(), literal, false, 0, true, value == null ? 0 : value);
    }
    Double value = GoLiterals.parseFloat(literal);
    if (value == null) {
      throw error("illegal number syntax: " + GoQuote.quote(literal));
    }
    if (!literal.matches(".*[.eEpP].*")) {
      throw error("integer overflow: " + GoQuote.quote(literal));
    }
    boolean isInt = value == Math.rint(value) && Math.abs(value) < 0x1p63;
    return new NumberNode(token.pos(), literal, isInt, isInt ? value.longValue() : 0, true, value);
  }

  private String unquote(Token token) {
    String value = GoLiterals.unquote(token.text());
    if (value == null) {
      throw error("invalid syntax");
    }
    return value;
  }

  // ---- token stream

  private Token next() {
    Token token = tokens.get(Math.min(index, tokens.size() - 1));
    index++;
    furthest = Math.max(furthest, Math.min(index, tokens.size()) - 1);
    if (token.type() == Type.ERROR) {
      throw unexpected(token, "");
    }
    return token;
  }

  private void backup() {
    index--;
  }

  private Token peek() {
    Token token = next();
    backup();
    return token;
  }

  private Token nextNonSpace() {
    Token token;
    do {
      token = next();
    } while (token.type() == Type.SPACE);
    return token;
  }

  private Token peekNonSpace() {
    Token token = nextNonSpace();
    backup();
    return token;
  }

  private Token expect(Type expected, String context) {
    Token token = nextNonSpace();
    if (token.type() != expected) {
      throw unexpected(token, context);
    }
    return token;
  }

  private ParseException unexpected(Token token, String context) {
    if (token.type() == Type.ERROR) {
      if (actionLine != 0 && actionLine != token.line()) {
        String where = token.text().endsWith(" action") ? " started at " : " in action started at ";
        return error(token.text() + where + parseName + ":" + actionLine, actionLine);
      }
      return error(token.text());
    }
    return error("unexpected " + token + " in " + context);
  }

  private ParseException error(String message) {
    int line = furthestLine();
    return new ParseException(parseName, line, line, message);
  }

  /** An error inside an action that began on an earlier line than where it was found. */
  private ParseException error(String message, int startLine) {
    return new ParseException(parseName, furthestLine(), startLine, message);
  }

  private int furthestLine() {
    return tokens.get(Math.min(furthest, tokens.size() - 1)).line();
  }
}
