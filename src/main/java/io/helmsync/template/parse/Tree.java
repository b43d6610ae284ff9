package io.helmsync.template.parse;

import io.helmsync.template.parse.Node.ListNode;
import io.helmsync.template.parse.Node.TextNode;

/**
 * One named template's parse tree, with the text and name it was parsed from (a {@code define} in
 * {@code _helpers.tpl} reports errors at {@code _helpers.tpl}'s lines).
 */
public record Tree(String name, String parseName, String text, ListNode root) {
  /** Go's {@code IsEmptyTree}: only whitespace text; such a tree never replaces a defined one. */
  public boolean isEmpty() {
    return isEmpty(root);
  }

  private static boolean isEmpty(Node node) {
    if (node instanceof ListNode list) {
      return list.nodes().stream().allMatch(Tree::isEmpty);
    }
    if (node instanceof TextNode text) {
      return text.text().isBlank();
    }
    return node == null;
  }
}
