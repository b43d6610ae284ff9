package io.helmsync.template;

import io.helmsync.template.golib.GoFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A set of template functions by name. Each caller composes the libraries it offers (helmfile state
 * files get helmfile's, charts get Helm's), as Go programs pass a {@code FuncMap}.
 */
public final class Functions {
  private final Map<String, GoFunction> byName;

  private Functions(Map<String, GoFunction> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  public static Functions empty() {
    return new Functions(new LinkedHashMap<>());
  }

  /** This set plus one function; a function of the same name is replaced. */
  public Functions with(String name, GoFunction function) {
    Map<String, GoFunction> copy = new LinkedHashMap<>(byName);
    copy.put(name, function);
    return new Functions(copy);
  }

  /** This set plus all of another; the other's functions win on equal names. */
  public Functions with(Functions other) {
    Map<String, GoFunction> copy = new LinkedHashMap<>(byName);
    copy.putAll(other.byName);
    return new Functions(copy);
  }

  /**
   * This set without the named functions (Helm removes Sprig's {@code env} and {@code expandenv}).
   */
  public Functions without(String... names) {
    Map<String, GoFunction> copy = new LinkedHashMap<>(byName);
    for (String name : names) {
      copy.remove(name);
    }
    return new Functions(copy);
  }

  public Optional<GoFunction> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  public Set<String> names() {
    return byName.keySet();
  }

  /** Starts a mutable builder, for libraries that register many functions. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects functions for a library. */
  public static final class Builder {
    private final Map<String, GoFunction> byName = new LinkedHashMap<>();

    public Builder add(String name, GoFunction function) {
      byName.put(name, function);
      return this;
    }

    public Functions build() {
      return new Functions(new LinkedHashMap<>(byName));
    }
  }
}
