package io.helmsync.template.golib;

/**
 * A Go {@code int64}, as Sprig's arithmetic returns it. Kept apart from {@code int} ({@link Long})
 * because Go tells them apart: passing one where a function wants the other is an error in Helm,
 * and {@code typeOf} names them differently.
 */
public record Int64(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
