package io.helmsync.template.property;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A piece of generated template text that knows its own structure: {@code open}, then the body,
 * then {@code close} (an {@code if} action, its branches, {@code end}). Shrinking removes a piece
 * or replaces a block by its body, which keeps most shrunk texts inside the grammar.
 */
public record Node(String open, List<Node> body, String close) {
  public Node {
    body = List.copyOf(body);
  }

  public static Node text(String text) {
    return new Node(text, List.of(), "");
  }

  public static String text(List<Node> nodes) {
    StringBuilder out = new StringBuilder();
    nodes.forEach(node -> node.appendTo(out));
    return out.toString();
  }

  private void appendTo(StringBuilder out) {
    out.append(open);
    body.forEach(node -> node.appendTo(out));
    out.append(close);
  }

  /** Smaller node lists: one node removed, one block flattened, or one body shrunk. */
  public static Stream<List<Node>> shrinks(List<Node> nodes) {
    Stream.Builder<List<Node>> smaller = Stream.builder();
    for (int i = 0; i < nodes.size(); i++) {
      smaller.add(replaced(nodes, i, List.of()));
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).body.isEmpty()) {
        smaller.add(replaced(nodes, i, nodes.get(i).body));
      }
    }
    Stream<List<Node>> inner = Stream.empty();
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      Node node = nodes.get(i);
      inner =
          Stream.concat(
              inner,
              shrinks(node.body)
                  .map(
                      body ->
                          replaced(nodes, index, List.of(new Node(node.open, body, node.close)))));
    }
    return Stream.concat(smaller.build(), inner);
  }

  private static List<Node> replaced(List<Node> nodes, int index, List<Node> replacement) {
    List<Node> copy = new ArrayList<>(nodes.subList(0, index));
    copy.addAll(replacement);
    copy.addAll(nodes.subList(index + 1, nodes.size()));
    return copy;
  }
}
