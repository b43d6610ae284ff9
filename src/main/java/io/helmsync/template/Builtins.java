package io.helmsync.template;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;
import static io.helmsync.template.golib.GoType.VALUE;

import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFormat;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoPrint;
import io.helmsync.template.golib.GoValues;
import io.helmsync.template.golib.NoValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Go's predefined template functions ({@code text/template/funcs.go}). */
final class Builtins {
  static final Functions FUNCTIONS =
      Functions.builder()
          // and/or short-circuit in the executor; these entries give their arity and lookup.
          .add("and", GoFunction.variadic(args -> args[args.length - 1], VALUE, VALUE))
          .add("or", GoFunction.variadic(args -> args[args.length - 1], VALUE, VALUE))
          .add("not", GoFunction.of(args -> !GoValues.truth(args[0]), VALUE))
          .add("len", GoFunction.of(args -> length(args[0]), VALUE))
          .add("index", GoFunction.variadic(args -> index(args[0], rest(args)), VALUE, VALUE))
          .add("slice", GoFunction.variadic(args -> slice(args[0], rest(args)), VALUE, VALUE))
          .add("print", GoFunction.variadic(GoPrint::sprint, ANY))
          .add("println", GoFunction.variadic(GoPrint::sprintln, ANY))
          .add(
              "printf",
              GoFunction.variadic(
                  args -> GoFormat.sprintf((String) args[0], rest(args)), STRING, ANY))
          .add("html", GoFunction.variadic(args -> Escapes.html(escapeArgs(args)), ANY))
          .add("js", GoFunction.variadic(args -> Escapes.js(escapeArgs(args)), ANY))
          .add("urlquery", GoFunction.variadic(args -> Escapes.queryEscape(escapeArgs(args)), ANY))
          .add("eq", GoFunction.variadic(args -> Comparisons.eq(args[0], rest(args)), VALUE, VALUE))
          .add("ne", GoFunction.of(args -> !Comparisons.eq(args[0], args[1]), VALUE, VALUE))
          .add("lt", GoFunction.of(args -> Comparisons.lt(args[0], args[1]), VALUE, VALUE))
          .add("le", GoFunction.of(args -> Comparisons.le(args[0], args[1]), VALUE, VALUE))
          .add("gt", GoFunction.of(args -> !Comparisons.le(args[0], args[1]), VALUE, VALUE))
          .add("ge", GoFunction.of(args -> !Comparisons.lt(args[0], args[1]), VALUE, VALUE))
          .add("call", callNamed("call"))
          .build();

  private Builtins() {}

  private static Object[] rest(Object[] args) {
    return Arrays.copyOfRange(args, 1, args.length);
  }

  private static long length(Object item) {
    if (item == null) {
      throw new GoError("len of nil pointer");
    }
    if (item == NoValue.NO_VALUE) {
      throw new GoError("reflect: call of reflect.Value.Type on zero Value");
    }
    if (item instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (item instanceof Map<?, ?> map) {
      return map.size();
    }
    if (item instanceof List<?> list) {
      return list.size();
    }
    throw new GoError("len of type " + GoValues.typeName(item));
  }

  private static Object index(Object item, Object[] indexes) {
    if (item == null || item == NoValue.NO_VALUE) {
      throw new GoError("index of untyped nil");
    }
    for (Object index : indexes) {
      if (item == null) {
        throw new GoError("index of nil pointer");
      }
      item = indexOnce(item, index);
    }
    return item;
  }

  private static Object indexOnce(Object item, Object index) {
    if (item instanceof List<?> list) {
      return list.get(indexArg(index, list.size(), true));
    }
    if (item instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      return (long) (bytes[indexArg(index, bytes.length, true)] & 0xff);
    }
    if (item instanceof Map<?, ?> map) {
      if (index == null || index == NoValue.NO_VALUE) {
        throw new GoError("value is nil; should be of type string");
      }
      if (!(index instanceof String key)) {
        throw new GoError("value has type " + GoValues.typeName(index) + "; should be string");
      }
      return map.get(key);
    }
    throw new GoError("can't index item of type " + GoValues.typeName(item));
  }

  /** Go's {@code indexArg}; {@code forIndex} also refuses the length itself (Go panics there). */
  private static int indexArg(Object index, int cap, boolean forIndex) {
    if (index == null || index == NoValue.NO_VALUE) {
      throw new GoError("cannot index slice/array with nil");
    }
    if (!GoValues.isInteger(index)) {
      throw new GoError("cannot index slice/array with type " + GoValues.typeName(index));
    }
    long x = GoValues.integer(index);
    if (x < 0 || x > cap) {
      throw new GoError("index out of range: " + x);
    }
    if (forIndex && x == cap) {
      throw new GoError("reflect: slice index out of range");
    }
    return (int) x;
  }

  private static Object slice(Object item, Object[] indexes) {
    if (item == null || item == NoValue.NO_VALUE) {
      throw new GoError("slice of untyped nil");
    }
    if (indexes.length > 3) {
      throw new GoError("too many slice indexes: " + indexes.length);
    }
    int length;
    if (item instanceof String s) {
      if (indexes.length == 3) {
        throw new GoError("cannot 3-index slice a string");
      }
      length = s.getBytes(StandardCharsets.UTF_8).length;
    } else if (item instanceof List<?> list) {
      length = list.size();
    } else {
      throw new GoError("can't slice item of type " + GoValues.typeName(item));
    }
    int[] idx = {0, length, length};
    for (int i = 0; i < indexes.length; i++) {
      idx[i] = indexArg(indexes[i], length, false);
    }
    if (idx[0] > idx[1]) {
      throw new GoError("invalid slice index: " + idx[0] + " > " + idx[1]);
    }
    if (indexes.length == 3 && idx[1] > idx[2]) {
      throw new GoError("invalid slice index: " + idx[1] + " > " + idx[2]);
    }
    if (item instanceof String s) {
      byte[] bytes = Arrays.copyOfRange(s.getBytes(StandardCharsets.UTF_8), idx[0], idx[1]);
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return Collections.unmodifiableList(new ArrayList<>(((List<?>) item).subList(idx[0], idx[1])));
  }

  /** Go's {@code evalArgs} for the escapers: one string as is, otherwise {@code fmt.Sprint}. */
  private static String escapeArgs(Object[] args) {
    if (args.length == 1 && args[0] instanceof String s) {
      return s;
    }
    Object[] printable = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      printable[i] = args[i] == null ? "<no value>" : args[i];
    }
    return GoPrint.sprint(printable);
  }

  /**
   * Go's {@code call} builtin for one call site: as Go 1.25 does, the executor passes the text of
   * the callee argument ({@code .Values.f}) so that errors name it.
   */
  static GoFunction callNamed(String calleeName) {
    return GoFunction.variadic(args -> call(calleeName, args[0], rest(args)), VALUE, VALUE);
  }

  private static Object call(String calleeName, Object fn, Object[] args) {
    if (fn == null || fn == NoValue.NO_VALUE) {
      throw new GoError("call of nil");
    }
    if (!(fn instanceof GoFunction function)) {
      throw new GoError("non-function " + calleeName + " of type " + GoValues.typeName(fn));
    }
    int fixed = function.fixedCount();
    if (function.variadic() ? args.length < fixed : args.length != fixed) {
      throw new GoError("wrong number of args: got " + args.length + " want " + fixed);
    }
    return function.body().call(args);
  }
}
