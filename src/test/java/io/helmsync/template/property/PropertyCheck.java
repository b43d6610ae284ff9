package io.helmsync.template.property;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small property runner inside plain JUnit Jupiter: {@code tries} inputs from a seeded generator,
 * and on the first failing input a greedy shrink to a smaller input that still fails. Try {@code i}
 * of seed {@code s} always generates the same input, so a failure reproduces from the message.
 * {@code -Dproperty.seed=N} and {@code -Dproperty.tries=N} run other inputs or more of them.
 *
 * <p>Why not jqwik: from 1.10 its maintainers ask that it not be used by AI coding agents, and this
 * code base is written with one; a runner this size is cheaper than arguing with that wish.
 */
public final class PropertyCheck<T> {
  private static final int MAX_SHRINK_STEPS = 200;

  private final String name;
  private final int tries;
  private final long seed;
  private final Function<SplittableRandom, T> generator;
  private final Function<T, Stream<T>> shrinks;

  private PropertyCheck(
      String name,
      int tries,
      long seed,
      Function<SplittableRandom, T> generator,
      Function<T, Stream<T>> shrinks) {
    this.name = name;
    this.tries = Integer.getInteger("property.tries", tries);
    this.seed = Long.getLong("property.seed", seed);
    this.generator = generator;
    this.shrinks = shrinks;
  }

  /**
   * @param defaultSeed the seed used unless {@code -Dproperty.seed} is set, fixed so that the
   *     default build is reproducible
   * @param shrinks smaller variants of an input, most promising first
   */
  public static <T> PropertyCheck<T> of(
      String name,
      int tries,
      long defaultSeed,
      Function<SplittableRandom, T> generator,
      Function<T, Stream<T>> shrinks) {
    return new PropertyCheck<>(name, tries, defaultSeed, generator, shrinks);
  }

  /**
   * Runs the property, which fails by throwing; rethrows the shrunk failure as an AssertionError.
   */
  public void check(Consumer<T> property) {
    for (int i = 0; i < tries; i++) {
      T input = generator.apply(new SplittableRandom(seed + i));
      Optional<Throwable> failure = failure(property, input);
      if (failure.isPresent()) {
        throw falsified(property, i, input, failure.get());
      }
    }
  }

  private AssertionError falsified(Consumer<T> property, int attempt, T input, Throwable first) {
    T smallest = input;
    Throwable cause = first;
    int steps = 0;
    boolean shrunk = true;
    while (shrunk && steps < MAX_SHRINK_STEPS) {
      shrunk = false;
      for (T candidate : (Iterable<T>) shrinks.apply(smallest)::iterator) {
        Optional<Throwable> failure = failure(property, candidate);
        if (failure.isPresent()) {
          smallest = candidate;
          cause = failure.get();
          steps++;
          shrunk = true;
          break;
        }
      }
    }
    return new AssertionError(
        String.format(
            "%s falsified by try %d of seed %d (rerun: -Dproperty.seed=%d)%n"
                + "shrunk in %d steps to:%n%s%noriginal:%n%s%n",
            name, attempt, seed, seed, steps, smallest, input),
        cause);
  }

  private static <T> Optional<Throwable> failure(Consumer<T> property, T input) {
    try {
      property.accept(input);
      return Optional.empty();
    } catch (AssertionError | RuntimeException e) {
      return Optional.of(e);
    }
  }
}
