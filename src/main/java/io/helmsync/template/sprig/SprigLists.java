package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.INT;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sprig's list functions ({@code list.go}). Each reads its argument's kind with reflection first,
 * so nil panics with Go's nil dereference and other kinds fail with Sprig's "Cannot ... on type
 * KIND"; the {@code must*} variants return the same error the plain ones panic with, and Go's
 * template engine reports both alike. Results are new lists: the argument is never altered.
 */
final class SprigLists {
  /** What Go's runtime says when Sprig calls {@code reflect.TypeOf(nil).Kind()}. */
  private static final String NIL_DEREFERENCE =
      "runtime error: invalid memory address or nil pointer dereference";

  private SprigLists() {}

  static Functions functions() {
    Functions.Builder builder =
        Functions.builder()
            .add("list", GoFunction.variadic(a -> new ArrayList<>(Arrays.asList(a)), ANY))
            .add("tuple", GoFunction.variadic(a -> new ArrayList<>(Arrays.asList(a)), ANY))
            .add("concat", GoFunction.variadic(SprigLists::concat, ANY));
    withMust(
        builder, "first", GoFunction.of(a -> end(a[0], "Cannot find first on type %s", true), ANY));
    withMust(
        builder, "last", GoFunction.of(a -> end(a[0], "Cannot find last on type %s", false), ANY));
    withMust(
        builder, "rest", GoFunction.of(a -> trim(a[0], "Cannot find rest on type %s", 1, 0), ANY));
    withMust(
        builder,
        "initial",
        GoFunction.of(a -> trim(a[0], "Cannot find initial on type %s", 0, 1), ANY));
    withMust(builder, "push", GoFunction.of(a -> push(a[0], a[1]), ANY, ANY));
    withMust(builder, "append", GoFunction.of(a -> push(a[0], a[1]), ANY, ANY));
    withMust(builder, "prepend", GoFunction.of(a -> prepend(a[0], a[1]), ANY, ANY));
    withMust(builder, "reverse", GoFunction.of(a -> reverse(a[0]), ANY));
    withMust(builder, "compact", GoFunction.of(a -> compact(a[0]), ANY));
    withMust(builder, "uniq", GoFunction.of(a -> uniq(a[0]), ANY));
    withMust(builder, "without", GoFunction.variadic(a -> without(a[0], rest(a)), ANY, ANY));
    withMust(builder, "has", GoFunction.of(a -> has(a[0], a[1]), ANY, ANY));
    withMust(builder, "slice", GoFunction.variadic(a -> slice(a[0], rest(a)), ANY, ANY));
    withMust(builder, "chunk", GoFunction.of(a -> chunk((Long) a[0], a[1]), INT, ANY));
    return builder.build();
  }

  /**
   * Registers a function and its {@code mustX} twin. Sprig's plain variant panics with the error
   * its must variant returns, and text/template turns that panic into the same error, so both
   * behave the same here.
   */
  private static void withMust(Functions.Builder builder, String name, GoFunction function) {
    builder.add(name, function);
    builder.add("must" + Character.toUpperCase(name.charAt(0)) + name.substring(1), function);
  }

  private static Object[] rest(Object[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }

  /** The elements of a slice argument, or the error Sprig gives for this kind. */
  private static List<?> elements(Object value, String kindError) {
    if (value == null) {
      throw new GoError(NIL_DEREFERENCE);
    }
    if (value instanceof List<?> list) {
      return list;
    }
    throw new GoError(String.format(kindError, GoValues.kindOf(value).goName()));
  }

  private static Object end(Object value, String kindError, boolean first) {
    List<?> list = elements(value, kindError);
    if (list.isEmpty()) {
      return null;
    }
    return list.get(first ? 0 : list.size() - 1);
  }

  /**
   * {@code rest} and {@code initial}. Go returns a nil slice for an empty list, which prints as
   * {@code []}; an empty list is the closest value helmsync has.
   */
  private static List<Object> trim(Object value, String kindError, int dropFirst, int dropLast) {
    List<?> list = elements(value, kindError);
    if (list.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(list.subList(dropFirst, list.size() - dropLast));
  }

  private static List<Object> push(Object value, Object element) {
    List<Object> out = new ArrayList<>(elements(value, "Cannot push on type %s"));
    out.add(element);
    return out;
  }

  private static List<Object> prepend(Object value, Object element) {
    List<Object> out = new ArrayList<>(elements(value, "Cannot prepend on type %s"));
    out.add(0, element);
    return out;
  }

  private static List<Object> concat(Object[] lists) {
    List<Object> out = new ArrayList<>();
    for (Object list : lists) {
      out.addAll(elements(list, "Cannot concat type %s as list"));
    }
    return out;
  }

  private static List<Object> reverse(Object value) {
    List<Object> out = new ArrayList<>(elements(value, "Cannot find reverse on type %s"));
    Collections.reverse(out);
    return out;
  }

  /** Drops the elements {@code empty} calls empty: nil, zero, false, "", empty lists and maps. */
  private static List<Object> compact(Object value) {
    return filter(elements(value, "Cannot compact on type %s"), GoValues::truth);
  }

  /** Keeps the first of each group of {@code reflect.DeepEqual} elements. */
  private static List<Object> uniq(Object value) {
    List<Object> out = new ArrayList<>();
    for (Object element : elements(value, "Cannot find uniq on type %s")) {
      if (!contains(out, element)) {
        out.add(element);
      }
    }
    return out;
  }

  private static List<Object> without(Object value, Object[] omitted) {
    List<Object> omit = Arrays.asList(omitted);
    return filter(elements(value, "Cannot find without on type %s"), e -> !contains(omit, e));
  }

  /** {@code has NEEDLE LIST}; a nil list has nothing rather than failing. */
  private static boolean has(Object needle, Object haystack) {
    return haystack != null && contains(elements(haystack, "Cannot find has on type %s"), needle);
  }

  private static List<Object> filter(List<?> list, Predicate<Object> keep) {
    List<Object> out = new ArrayList<>();
    for (Object element : list) {
      if (keep.test(element)) {
        out.add(element);
      }
    }
    return out;
  }

  private static boolean contains(List<?> list, Object needle) {
    return list.stream().anyMatch(e -> GoValues.deepEqual(needle, e));
  }

  /**
   * Sprig's {@code slice LIST [START [END]]}, which Helm's function map puts in place of Go's
   * builtin: indices are converted with {@code cast.ToInt}, strings are refused (the Sprig Helm
   * ships predates string slicing), an empty list gives nil, and indices out of range panic in
   * {@code reflect.Value.Slice}.
   */
  private static Object slice(Object value, Object[] indices) {
    if (value == null) {
      throw new GoError(NIL_DEREFERENCE);
    }
    List<?> list = elements(value, "list should be type of slice or array but %s");
    if (list.isEmpty()) {
      return null;
    }
    int[] range = range(indices, list.size(), "slice index out of bounds");
    return new ArrayList<>(list.subList(range[0], range[1]));
  }

  private static int[] range(Object[] indices, int length, String outOfBounds) {
    long start = indices.length > 0 ? GoCast.toInt64(indices[0]) : 0;
    long end = indices.length > 1 ? GoCast.toInt64(indices[1]) : length;
    if (start < 0 || end < start || end > length) {
      throw new GoError("reflect.Value.Slice: " + outOfBounds);
    }
    return new int[] {(int) start, (int) end};
  }

  /**
   * Sprig's {@code chunk SIZE LIST}: lists of SIZE elements, the last one shorter. The chunk count
   * is computed in float64 as Sprig does, so a size below 1 makes Go's {@code make} panic.
   */
  private static List<Object> chunk(long size, Object value) {
    List<?> list = elements(value, "Cannot chunk type %s");
    int length = list.size();
    long count = GoCast.floatToInt(Math.floor((double) (length - 1) / size) + 1);
    List<Object> chunks = new ArrayList<>();
    for (long i = 0; i < requireLength(count); i++) {
      long chunkLength = size;
      if (i == count - 1) {
        chunkLength = GoCast.floatToInt(Math.floor((double) length % size));
        chunkLength = chunkLength == 0 ? size : chunkLength;
      }
      int from = (int) (i * size);
      chunks.add(new ArrayList<>(list.subList(from, from + (int) requireLength(chunkLength))));
    }
    return chunks;
  }

  /** Go's {@code make([]T, n)} refuses a negative length (or one past memory) with a panic. */
  private static long requireLength(long length) {
    if (length < 0 || length > Integer.MAX_VALUE) {
      throw new GoError("runtime error: makeslice: len out of range");
    }
    return length;
  }
}
