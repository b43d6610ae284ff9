/**
 * Go's {@code text/template} in pure Java: the executor, Go's builtin functions ({@code and},
 * {@code index}, {@code printf}, {@code eq}, ...), the function registry ({@link
 * io.helmsync.template.Functions}, Go's {@code FuncMap}) and {@link io.helmsync.template.Template},
 * so that helmsync renders helmfile's and Helm's templates the way Go does without running Go code.
 * No I/O except through ports that callers inject.
 *
 * <p>Sub-packages follow Go's and the upstream projects' lines, and depend one way only: {@code
 * golib} (Go's standard library and value model) ← {@code parse} (Go's {@code text/template/parse})
 * ← this package ← {@code sprig} ← {@code helm} and {@code helmfile}. This package may use {@code
 * parse}, {@code golib} and {@code io.helmsync.model}; never {@code sprig}, {@code helm} or {@code
 * helmfile}.
 */
package io.helmsync.template;
