package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.Functions;
import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sprig's string functions, with results worked out from Sprig's source and the goutils and
 * xstrings code it calls (byte-indexed cuts, Go's unicode predicates) and Sprig's documentation.
 */
class SprigStringsTest {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  static String render(Functions functions, String template) {
    Map<String, Object> data = new HashMap<>();
    data.put("list", List.of("a", "b", "c"));
    data.put("unsorted", List.of("c", "a", "B"));
    data.put("mixed", new ArrayList<>(java.util.Arrays.asList("x", null, 1L)));
    data.put("nothing", null);
    data.put("f", 2.5);
    return Template.create(functions, MissingKey.DEFAULT).parse("t", template).execute("t", data);
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case("{{ upper \"héllo ß\" }}|{{ lower \"HÉLLO İ\" }}", "HÉLLO ß|héllo i"),
        new Case("{{ title \"hello wORLD-foo_bar é.x\" }}", "Hello WORLD-Foo_bar É.X"),
        new Case("{{ untitle \"Hello World\" }}|{{ untitle \"\" }}", "hello world|"),
        new Case(
            "{{ substr 1 3 \"héllo\" }}|{{ substr -1 2 \"abc\" }}|{{ substr 1 -1 \"abc\" }}"
                + "|{{ substr 0 10 \"abc\" }}",
            "é|ab|bc|abc"),
        new Case("{{ repeat 3 \"ab\" }}|{{ repeat 0 \"ab\" }}", "ababab|"),
        new Case(
            "{{ trim \"\\u00a0 x \\t\\n\" }}|{{ trimAll \"$\" \"$$5.00$\" }}"
                + "|{{ trimall \"ab\" \"abxba\" }}",
            "x|5.00|x"),
        new Case(
            "{{ trimSuffix \"-\" \"hello-\" }}|{{ trimPrefix \"-\" \"-hello\" }}", "hello|hello"),
        new Case(
            "{{ nospace \"hello w o r l d\" }}|{{ nospace \"à b\" }}|{{ nospace \"é\" }}",
            "helloworld|Ãb|é"),
        new Case("{{ initials \"First Try\" }}|{{ initials \"élan vital\" }}", "FT|Ãv"),
        new Case(
            "{{ swapcase \"This Is A.Test\" }}|{{ swapcase \"hello world\" }}",
            "tHIS iS a.tEST|HELLO WORLD"),
        new Case(
            "{{ snakecase \"FirstName\" }} {{ snakecase \"HTTPServer\" }} {{ snakecase \"NoHTTPS\" }}"
                + " {{ snakecase \"GO PATH\" }} {{ snakecase \"Bld4Floor3rd\" }} {{ snakecase \"HTTP20xOK\" }}"
                + " {{ snakecase \"http2xx\" }} {{ snakecase \"Duration2m3s\" }}",
            "first_name http_server no_https go_path bld4_floor_3rd http_20x_ok http_2xx duration_2m3s"),
        new Case(
            "{{ kebabcase \"FirstName\" }} {{ kebabcase \"GO_PATH\" }} {{ kebabcase \"a__b\" }}",
            "first-name go-path a--b"),
        new Case(
            "{{ camelcase \"http_server\" }} {{ camelcase \"_complex__case_\" }}"
                + " {{ camelcase \"GOLANG_IS_GREAT\" }} {{ camelcase \"some words\" }} {{ camelcase \"x\" }}",
            "HttpServer _Complex_Case_ GolangIsGreat SomeWords X"),
        new Case(
            "{{ wrap 5 \"Hello World\" }}|{{ wrapWith 5 \"\\t\" \"Hello World\" }}",
            "Hello\nWorld|Hello\tWorld"),
        new Case(
            "{{ wrap 3 \"abcdefg hi\" }}|{{ wrapWith 3 \"\\n\" \"abcdefg hi\" }}",
            "abcdefg\nhi|abc\ndef\ng\nhi"),
        new Case(
            "{{ abbrev 5 \"hello world\" }}|{{ abbrev 3 \"hello world\" }}|{{ abbrev 20 \"hi\" }}",
            "he...|hello world|hi"),
        new Case(
            "{{ abbrevboth 5 10 \"1234 5678 9123\" }}|{{ abbrevboth 1 5 \"1234 5678\" }}",
            "...5678...|1234 5678"),
        new Case(
            "{{ contains \"cat\" \"catch\" }} {{ hasPrefix \"ca\" \"catch\" }}"
                + " {{ hasSuffix \"ch\" \"catch\" }} {{ contains \"dog\" \"catch\" }}",
            "true true true false"),
        new Case(
            "{{ quote \"a\" .nothing 1 }}|{{ squote \"a\" 1 }}|{{ quote \"\\\"é\\n\" }}",
            "\"a\" \"1\"|'a' '1'|\"\\\"é\\n\""),
        new Case("{{ cat \"a\" .nothing 1 .list }}", "a 1 [a b c]"),
        new Case("{{ indent 2 \"a\\nb\" }}|{{ nindent 2 \"a\" }}", "  a\n  b|\n  a"),
        new Case(
            "{{ replace \" \" \"-\" \"a b c\" }}|{{ replace \"\" \"-\" \"ab\" }}", "a-b-c|-a-b-"),
        new Case("{{ plural \"one\" \"many\" 1 }} {{ plural \"one\" \"many\" 2 }}", "one many"),
        new Case("{{ sha1sum \"Hello world!\" }}", "d3486ae9136e7856bc42212385ea797094475802"),
        new Case(
            "{{ sha256sum \"Hello world!\" }}",
            "c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a"),
        new Case(
            "{{ sha512sum \"Hello world!\" }}",
            "f6cde2a0f819314cdde55fc227d8d7dae3d28cc556222a0a8a"
                + "d66d91ccad4aad6094f517a2182360c9aacf6a3dc323162cb6fd8cdffedb0fe038f55e85ffb5b6"),
        new Case("{{ adler32sum \"Hello world!\" }}", "487130206"),
        new Case(
            "{{ toString 1.5 }}|{{ toString .nothing }}|{{ toStrings .mixed }}", "1.5|<nil>|[x 1]"),
        new Case(
            "{{ trunc 5 \"hello world\" }}|{{ trunc -5 \"hello world\" }}|{{ trunc 20 \"hi\" }}"
                + "|{{ trunc -20 \"hi\" }}",
            "hello|world|hi|hi"),
        new Case(
            "{{ join \",\" .list }}|{{ join \",\" .nothing }}|{{ join \",\" .mixed }}|{{ join \",\" 5 }}",
            "a,b,c||x,1|5"),
        new Case("{{ sortAlpha .unsorted }}|{{ sortAlpha 3 }}", "[B a c]|[3]"),
        new Case(
            "{{ split \"$\" \"foo$bar$baz\" }}|{{ (split \"$\" \"a$b\")._1 }}",
            "map[_0:foo _1:bar _2:baz]|b"),
        new Case(
            "{{ splitn \"$\" 2 \"foo$bar$baz\" }}|{{ splitList \"\" \"héy\" }}"
                + "|{{ splitList \",\" \"\" }}",
            "map[_0:foo _1:bar$baz]|[h é y]|[]"),
        new Case("{{ splitn \"\" 2 \"abc\" }}", "map[_0:a _1:bc]"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsSprigDoes(Case c) {
    assertThat(render(SprigStrings.functions(), c.template())).isEqualTo(c.expected());
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case("{{ indent .f \"x\" }}", "wrong type for value; expected int; got float64"),
        new Case("{{ indent -1 \"x\" }}", "error calling indent: strings: negative Repeat count"),
        new Case("{{ repeat -1 \"x\" }}", "error calling repeat: strings: negative Repeat count"),
        new Case(
            "{{ substr 5 10 \"abc\" }}",
            "error calling substr: runtime error: slice bounds out of range [5:3]"),
        new Case(
            "{{ substr -1 5 \"abc\" }}",
            "error calling substr: runtime error: slice bounds out of range [:5] with length 3"),
        new Case(
            "{{ substr 2 1 \"abc\" }}",
            "error calling substr: runtime error: slice bounds out of range [2:1]"),
        new Case("{{ trunc \"5\" \"abc\" }}", "expected integer; found \"5\""));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void failsAsSprigDoes(Case c) {
    assertThatThrownBy(() -> render(SprigStrings.functions(), c.template()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(c.expected());
  }

  @Test
  void randomStringsHaveTheLengthAndAlphabetAsked() {
    String out =
        render(
            SprigStrings.functions(),
            "{{ randAlphaNum 40 }} {{ randAlpha 40 }}"
                + " {{ randNumeric 40 }} {{ randAscii 40 }}|{{ randAlpha 0 }}{{ randAlpha -3 }}|");
    String[] parts = out.split(" ", 4);
    assertThat(parts[0]).matches("[A-Za-z0-9]{40}");
    assertThat(parts[1]).matches("[A-Za-z]{40}");
    assertThat(parts[2]).matches("[0-9]{40}");
    assertThat(parts[3]).matches("[ -~]{40}\\|\\|");
  }

  @Test
  void shuffleKeepsTheRunes() {
    String out = render(SprigStrings.functions(), "{{ shuffle \"héllo wörld\" }}");
    assertThat(out.codePoints().sorted().toArray())
        .isEqualTo("héllo wörld".codePoints().sorted().toArray());
  }
}
