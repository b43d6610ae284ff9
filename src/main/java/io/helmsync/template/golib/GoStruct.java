package io.helmsync.template.golib;

import java.util.Optional;

/**
 * A value with named fields and methods, as a Go struct offers them to templates (Helm's {@code
 * .Chart}, {@code .Capabilities}, {@code .Files}). A member that is a {@link GoFunction} is a
 * method and receives the call's arguments.
 */
public interface GoStruct {
  /** The Go type name used in messages and by {@code typeOf}, e.g. {@code *chart.Metadata}. */
  String goType();

  /** The field or method with this name, empty when the type has none. */
  Optional<Object> member(String name);
}
