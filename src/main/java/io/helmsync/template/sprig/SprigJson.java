package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoJson;
import io.helmsync.template.golib.GoJsonDecoder;
import java.util.function.Function;

/**
 * Sprig's JSON functions ({@code defaults.go}) over Go's {@code encoding/json} ({@link GoJson}):
 * the plain variants swallow the error (an empty string when encoding fails, the partial value when
 * decoding fails), the {@code must*} variants return it. {@code toRawJson} leaves {@code <}, {@code
 * >} and {@code &} unescaped; {@code toPrettyJson} indents by two spaces.
 */
final class SprigJson {
  private SprigJson() {}

  static Functions functions() {
    return Functions.builder()
        .add("toJson", GoFunction.of(a -> orEmpty(v -> GoJson.marshal(v, true), a[0]), ANY))
        .add("mustToJson", GoFunction.of(a -> GoJson.marshal(a[0], true), ANY))
        .add("toRawJson", GoFunction.of(a -> orEmpty(v -> GoJson.marshal(v, false), a[0]), ANY))
        .add("mustToRawJson", GoFunction.of(a -> GoJson.marshal(a[0], false), ANY))
        .add("toPrettyJson", GoFunction.of(a -> orEmpty(GoJson::marshalIndent, a[0]), ANY))
        .add("mustToPrettyJson", GoFunction.of(a -> GoJson.marshalIndent(a[0]), ANY))
        .add("fromJson", GoFunction.of(a -> GoJsonDecoder.decode((String) a[0]).value(), STRING))
        .add("mustFromJson", GoFunction.of(a -> mustDecode((String) a[0]), STRING))
        .build();
  }

  private static String orEmpty(Function<Object, String> encoder, Object value) {
    try {
      return encoder.apply(value);
    } catch (GoError e) {
      return "";
    }
  }

  private static Object mustDecode(String text) {
    GoJsonDecoder.Result result = GoJsonDecoder.decode(text);
    if (result.error() != null) {
      throw new GoError(result.error());
    }
    return result.value();
  }
}
