/**
 * Go's {@code text/template/parse}: the lexer, the parser and the parse tree ({@link
 * io.helmsync.template.parse.Node}, {@link io.helmsync.template.parse.Tree}) of one template text,
 * with Go's error messages. As in Go, the lexer and its tokens are internal: callers parse with
 * {@link io.helmsync.template.parse.Parser#parse} and read trees.
 *
 * <p>May use {@code io.helmsync.template.golib} ({@code strconv}, as Go's parser does) and the JDK;
 * nothing else in {@code io.helmsync.template}.
 */
package io.helmsync.template.parse;
