/**
 * Go's standard library as templates meet it, and the Go libraries the upstreams share: {@code fmt}
 * ({@link io.helmsync.template.golib.GoFormat}, {@link io.helmsync.template.golib.GoPrint}), {@code
 * strconv} ({@link io.helmsync.template.golib.GoQuote}, {@link
 * io.helmsync.template.golib.GoLiterals}, {@link io.helmsync.template.golib.GoFloat}), {@code
 * unicode}, {@code time}, {@code regexp} (RE2 syntax), {@code net/url}, {@code encoding/json},
 * {@code encoding/pem}, go-yaml (through {@code sigs.k8s.io/yaml}) and BurntSushi/toml.
 *
 * <p>It also holds Go's value model, which all of them print or take. Go values map to Java as
 * follows: {@code string} {@link java.lang.String}, {@code bool} {@link java.lang.Boolean}, {@code
 * int} {@link java.lang.Long}, {@code int64} {@link io.helmsync.template.golib.Int64}, {@code
 * float64} {@link java.lang.Double}, {@code map[string]interface{}} {@link java.util.Map}, {@code
 * []interface{}} {@link java.util.List}, a nil interface {@code null}, and Go's invalid {@code
 * reflect.Value} (what a missing key yields) {@link io.helmsync.template.golib.NoValue#NO_VALUE}.
 * Struct-like values with methods (Helm's {@code .Capabilities}, {@code .Files}, {@code time.Time})
 * implement {@link io.helmsync.template.golib.GoStruct}; functions are {@link
 * io.helmsync.template.golib.GoFunction}s with declared {@link io.helmsync.template.golib.GoType}s.
 *
 * <p>May use the JDK and SnakeYAML only; nothing in {@code io.helmsync.template}, so every other
 * template package can build on it.
 */
package io.helmsync.template.golib;
