/**
 * Go's {@code text/template} language in pure Java, with the function libraries that helmfile and
 * Helm charts use (Go builtins, Sprig, Helm, helmfile), so that helmsync renders both layers the way
 * Go does without running Go code. No I/O except through ports that callers inject.
 *
 * <p>Go values map to Java as follows: {@code string} {@link java.lang.String}, {@code bool}
 * {@link java.lang.Boolean}, {@code int} {@link java.lang.Long}, {@code int64} {@link Int64},
 * {@code float64} {@link java.lang.Double}, {@code map[string]interface{}} {@link java.util.Map},
 * {@code []interface{}} {@link java.util.List}, a nil interface {@code null}, and Go's invalid
 * {@code reflect.Value} (what a missing key yields) {@link NoValue#NO_VALUE}. Struct-like values
 * with methods (Helm's {@code .Capabilities}, {@code .Files}) implement {@link GoStruct}.
 */
package io.helmsync.template;
