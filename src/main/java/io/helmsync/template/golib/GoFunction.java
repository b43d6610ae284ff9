package io.helmsync.template.golib;

import java.util.List;

/**
 * A template function with Go's calling rules: declared parameter types (the last one repeated when
 * variadic), a body that gets the checked arguments, and errors reported as {@code error calling
 * NAME: ...}.
 */
public record GoFunction(List<GoType> params, boolean variadic, Body body) {
  /** The function itself; arguments arrive converted and checked against {@link #params()}. */
  @FunctionalInterface
  public interface Body {
    /** Returns the result ({@code null} for nil); throws {@link GoError} for Go's error result. */
    Object call(Object[] args);
  }

  public GoFunction {
    params = List.copyOf(params);
    if (variadic && params.isEmpty()) {
      throw new IllegalArgumentException("a variadic function needs its element type");
    }
  }

  /** A function of exactly these parameters. */
  public static GoFunction of(Body body, GoType... params) {
    return new GoFunction(List.of(params), false, body);
  }

  /** A function whose last parameter type repeats ({@code ...T} in Go). */
  public static GoFunction variadic(Body body, GoType... params) {
    return new GoFunction(List.of(params), true, body);
  }

  /** The type the argument at this position must have. */
  public GoType paramAt(int index) {
    return index < params.size() - 1 || !variadic && index < params.size()
        ? params.get(index)
        : params.get(params.size() - 1);
  }

  /** The number of parameters that must always be given. */
  public int fixedCount() {
    return variadic ? params.size() - 1 : params.size();
  }
}
