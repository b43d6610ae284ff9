package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.Functions;
import io.helmsync.template.TemplateException;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoType;
import io.helmsync.template.golib.Int64;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sprig's JSON functions as Helm runs them: Go's encoding/json output (sorted keys, HTML escaping
 * except in the raw variant, Go 1.22's string escapes, MarshalIndent's layout, float formats) and
 * json.Unmarshal's results and syntax errors, word for word.
 */
class SprigJsonTest extends FunctionCases {
  /** JSON text handed to {@code mustFromJson} and the error Go reports for it. */
  record Decoding(String json, String error) {
    @Override
    public String toString() {
      return json;
    }
  }

  @Override
  Object data() {
    Map<String, Object> map = new HashMap<>();
    map.put("b", 1L);
    map.put("a", "<x> & y");
    map.put("c", Arrays.asList(1.5, null, true));
    Map<String, Object> data = new HashMap<>();
    data.put("map", map);
    data.put("emptyMap", Map.of());
    data.put("emptyList", List.of());
    data.put("controls", "a\b\f\u0001\n\"\\\u2028é");
    data.put("nan", Double.NaN);
    data.put("inf", Double.POSITIVE_INFINITY);
    data.put("i64", new Int64(5));
    data.put("floats", List.of(1e21, 1e20, 0.000001, 1e-7, -0.0, 3.0));
    return data;
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ toJson .map }}",
            "{\"a\":\"\\u003cx\\u003e \\u0026 y\",\"b\":1,\"c\":[1.5,null,true]}"),
        new Case(
            "{{ mustToJson .map }}",
            "{\"a\":\"\\u003cx\\u003e \\u0026 y\",\"b\":1,\"c\":[1.5,null,true]}"),
        new Case("{{ toRawJson .map }}", "{\"a\":\"<x> & y\",\"b\":1,\"c\":[1.5,null,true]}"),
        new Case("{{ mustToRawJson .map }}", "{\"a\":\"<x> & y\",\"b\":1,\"c\":[1.5,null,true]}"),
        new Case(
            "{{ toPrettyJson .map }}",
            "{\n  \"a\": \"\\u003cx\\u003e \\u0026 y\",\n  \"b\": 1,\n  \"c\": [\n    1.5,\n    "
                + "null,\n"
                + "    true\n  ]\n}"),
        new Case("{{ mustToPrettyJson (list .emptyMap .emptyList) }}", "[\n  {},\n  []\n]"),
        new Case(
            "{{ toPrettyJson .emptyMap }} {{ toPrettyJson .emptyList }} {{ toPrettyJson 1 }}",
            "{} [] 1"),
        new Case("{{ toJson .controls }}", "\"a\\b\\f\\u0001\\n\\\"\\\\\\u2028é\""),
        new Case("{{ toJson .floats }}", "[1e+21,100000000000000000000,0.000001,1e-7,-0,3]"),
        new Case(
            "{{ toJson nil }} {{ toJson .missing }} {{ toJson .i64 }} {{ toJson \"\" }} {{ "
                + "toRawJson true }}",
            "null null 5 \"\" true"),
        new Case("{{ toJson .nan }}|{{ toRawJson .inf }}|{{ toPrettyJson .nan }}|", "|||"),
        new Case(
            "{{ fromJson \"{\\\"a\\\":1,\\\"b\\\":[true,null,\\\"x\\\"]}\" }}",
            "map[a:1 b:[true <nil> x]]"),
        new Case(
            "{{ (fromJson \"{\\\"a\\\":1}\").a | printf \"%T\" }} {{ fromJson \" 1e3 \" }}",
            "float64 1000"),
        new Case(
            "{{ fromJson \"\\\"\\\\u00e9\\\\ud83d\\\\ude00\\\\ud800\\\\/\\\"\" }}", "é😀\uFFFD/"),
        new Case(
            "{{ fromJson \"nope\" }} {{ fromJson \"\" }} {{ fromJson \"null\" }}",
            "<no value> <no value> <no value>"),
        new Case("{{ fromJson \"{\\\"a\\\":1e400,\\\"b\\\":2}\" }}", "map[a:<nil> b:2]"),
        new Case(
            "{{ mustFromJson \"[1, {\\\"k\\\": false}]\" }} {{ mustFromJson "
                + "\"{\\\"a\\\":1,\\\"a\\\":2}\" }}",
            "[1 map[k:false]] map[a:2]"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ mustToJson .nan }}", "error calling mustToJson: json: unsupported value: NaN"),
        new Case(
            "{{ mustToRawJson .inf }}",
            "error calling mustToRawJson: json: unsupported value: +Inf"),
        new Case(
            "{{ mustToPrettyJson (list .nan) }}",
            "error calling mustToPrettyJson: json: unsupported value: NaN"),
        new Case("{{ fromJson 1 }}", "expected string; found 1"));
  }

  static Stream<Decoding> decodingErrors() {
    return Stream.of(
        new Decoding("", "unexpected end of JSON input"),
        new Decoding("  ", "unexpected end of JSON input"),
        new Decoding("nope", "invalid character 'o' in literal null (expecting 'u')"),
        new Decoding("tru", "invalid character ' ' in literal true (expecting 'e')"),
        new Decoding("x", "invalid character 'x' looking for beginning of value"),
        new Decoding("1 2", "invalid character '2' after top-level value"),
        new Decoding("01", "invalid character '1' after top-level value"),
        new Decoding("{\"a\" 1}", "invalid character '1' after object key"),
        new Decoding("{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair"),
        new Decoding("{1:2}", "invalid character '1' looking for beginning of object key string"),
        new Decoding(
            "{'a':1}", "invalid character '\\'' looking for beginning of object key string"),
        new Decoding(
            "{\"a\":1,}", "invalid character '}' looking for beginning of object key string"),
        new Decoding("{\"a\":", "unexpected end of JSON input"),
        new Decoding("[1,]", "invalid character ']' looking for beginning of value"),
        new Decoding("[1 2]", "invalid character '2' after array element"),
        new Decoding("[1", "unexpected end of JSON input"),
        new Decoding("-", "invalid character ' ' in numeric literal"),
        new Decoding("-a", "invalid character 'a' in numeric literal"),
        new Decoding("1.", "invalid character ' ' after decimal point in numeric literal"),
        new Decoding("[1e]", "invalid character ']' in exponent of numeric literal"),
        new Decoding("\"a\\x\"", "invalid character 'x' in string escape code"),
        new Decoding("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape"),
        new Decoding("\"a", "unexpected end of JSON input"),
        new Decoding("\"tab\there\"", "invalid character '\\t' in string literal"),
        new Decoding("é", "invalid character 'Ã' looking for beginning of value"),
        new Decoding("\u0001", "invalid character '\\x01' looking for beginning of value"),
        new Decoding(
            "{\"a\":1e400}", "json: cannot unmarshal number 1e400 into Go value of type float64"),
        new Decoding("[1e400, x]", "invalid character 'x' looking for beginning of value"));
  }

  @ParameterizedTest
  @MethodSource("decodingErrors")
  void refusesWhatGoRefuses(Decoding d) {
    assertThatThrownBy(() -> render("{{ mustFromJson .json }}", Map.of("json", d.json())))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith("error calling mustFromJson: " + d.error());
  }

  @Override
  Functions functions() {
    return SprigJson.functions().with("list", listFunction());
  }

  /** Go's variadic list, so cases can nest values without depending on the list family. */
  private static GoFunction listFunction() {
    return GoFunction.variadic(a -> Arrays.asList(a), GoType.ANY);
  }
}
