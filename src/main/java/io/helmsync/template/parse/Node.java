package io.helmsync.template.parse;

import io.helmsync.template.golib.GoQuote;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, as Go's {@code text/template/parse} builds it. {@code toString}
 * gives Go's rendering of a node, which error messages quote ({@code executing "t" at <.a.b>}).
 */
public sealed interface Node {
  /** The node's offset in its template's text, for the line and column of errors. */
  int pos();

  record ListNode(int pos, List<Node> nodes) implements Node {
    @Override
    public String toString() {
      return nodes.stream().map(Node::toString).collect(Collectors.joining());
    }
  }

  record TextNode(int pos, String text) implements Node {
    @Override
    public String toString() {
      return GoQuote.quote(text);
    }
  }

  record ActionNode(int pos, int line, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  /** {@code if}, {@code range} and {@code with}: a pipeline, a body and an optional else body. */
  record BranchNode(Kind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {
    public enum Kind {
      IF,
      RANGE,
      WITH
    }

    @Override
    public String toString() {
      String name = kind.name().toLowerCase();
      String otherwise = elseList == null ? "" : "{{else}}" + elseList;
      return "{{" + name + " " + pipe + "}}" + list + otherwise + "{{end}}";
    }
  }

  record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      String quoted = GoQuote.quote(name);
      return pipe == null
          ? "{{template " + quoted + "}}"
          : "{{template " + quoted + " " + pipe + "}}";
    }
  }

  record BreakNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  record ContinueNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  /** Parser-internal: the {@code {{end}}} that closes a list. */
  record EndNode(int pos) implements Node {
    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  /** Parser-internal: the {@code {{else}}} that closes a list. */
  record ElseNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  record PipeNode(
      int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
      implements Node {
    @Override
    public String toString() {
      String vars =
          decl.isEmpty()
              ? ""
              : decl.stream().map(Node::toString).collect(Collectors.joining(", ")) + " := ";
      return vars + cmds.stream().map(Node::toString).collect(Collectors.joining(" | "));
    }
  }

  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      return args.stream()
          .map(arg -> arg instanceof PipeNode ? "(" + arg + ")" : arg.toString())
          .collect(Collectors.joining(" "));
    }
  }

  record IdentifierNode(int pos, String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code $x} or {@code $x.field.chain}. */
  record VariableNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return String.join(".", idents);
    }
  }

  /** {@code .field.chain}. */
  record FieldNode(int pos, List<String> idents) implements Node {
    @Override
    public String toString() {
      return "." + String.join(".", idents);
    }
  }

  /** {@code (pipeline).field.chain}. */
  record ChainNode(int pos, Node node, List<String> fields) implements Node {
    @Override
    public String toString() {
      String head = node instanceof PipeNode ? "(" + node + ")" : node.toString();
      return head + "." + String.join(".", fields);
    }
  }

  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A number constant and the Go types it can be: int, float, or (for char constants) both. */
  record NumberNode(
      int pos, String text, boolean isInt, long intValue, boolean isFloat, double floatValue)
      implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }
}
