package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.template.MissingKey;
import io.helmsync.template.Template;
import io.helmsync.template.TemplateException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sprig's regex functions against results from Sprig's docs and Go's regexp documentation (RE2
 * syntax, Go's empty-match and {@code Expand} rules, Go's syntax error texts).
 */
class SprigRegexTest {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  private static String render(String template) {
    return Template.create(SprigRegex.functions(), MissingKey.DEFAULT)
        .parse("t", template)
        .execute("t", Map.of());
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ regexMatch `^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[A-Za-z]{2,}$` \"test@acme.com\" }}",
            "true"),
        new Case(
            "{{ regexFindAll \"[2,4,6,8]\" \"123456789\" -1 }}|{{ regexFindAll \"[2,4,6,8]\" \"123456789\" 2 }}"
                + "|{{ regexFindAll \"x\" \"abc\" -1 }}|{{ regexFindAll \"b\" \"abc\" 0 }}",
            "[2 4 6 8]|[2 4]|[]|[]"),
        new Case(
            "{{ regexFind \"[a-zA-Z][1-9]\" \"abcd1234\" }}|{{ regexFind \"z\" \"abc\" }}", "d1|"),
        new Case("{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}", "-W-xxW-"),
        new Case(
            "{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" }}|{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1\" }}"
                + "|{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"T\" }}",
            "---|--xx-|-T-T-"),
        new Case("{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"${1}\" }}", "-${1}-${1}-"),
        new Case(
            "{{ regexReplaceAll `(?P<first>\\w+) (?P<last>\\w+)` \"John Smith\" \"${last}, ${first}\" }}",
            "Smith, John"),
        new Case(
            "{{ regexReplaceAll \"a\" \"a\" \"$$-$\" }}|{{ regexReplaceAll \"a\" \"a\" \"${x\" }}",
            "$-$|${x"),
        new Case(
            "{{ regexReplaceAll \"a*\" \"baaac\" \"X\" }}|{{ regexFindAll \"a*\" \"baaac\" -1 }}",
            "XbXcX|[ aaa ]"),
        new Case(
            "{{ regexSplit \"z+\" \"pizza\" -1 }}|{{ regexSplit \"z+\" \"pizza\" 1 }}"
                + "|{{ regexSplit \"\" \"abc\" -1 }}|{{ regexSplit \"a\" \"\" -1 }}|{{ regexSplit \",\" \"a,b,\" -1 }}",
            "[pi a]|[pizza]|[a b c]|[]|[a b ]"),
        new Case("{{ regexQuoteMeta \"1.2.3 [a]*\" }}", "1\\.2\\.3 \\[a\\]\\*"),
        new Case(
            "{{ regexMatch \"^abc$\" \"abc\\n\" }} {{ regexMatch `\\s` \"\\v\" }} {{ regexMatch `\\d` \"٣\" }}",
            "false false false"),
        new Case(
            "{{ regexFind \"(?i)É\" \"café\" }}|{{ regexFind \"(?U)a+\" \"aaa\" }}|{{ regexFind \"(?U)a+?\" \"aaa\" }}",
            "é|a|aaa"),
        new Case(
            "{{ regexFindAll \"[[:digit:]]+\" \"a12b345\" -1 }}|{{ regexFindAll \"[^[:alpha:]]\" \"a1b\" -1 }}",
            "[12 345]|[1]"),
        new Case(
            "{{ regexFindAll `(?m)^\\w+$` \"ab\\ncd\\n\" -1 }}|{{ regexFindAll `(?s)a.b` \"a\\nb\" -1 }}"
                + "|{{ regexFindAll `a.b` \"a\\nb\" -1 }}",
            "[ab cd]|[a\nb]|[]"),
        new Case(
            "{{ regexFind \"a{,2}\" \"a{,2}\" }}|{{ regexFind `\\Qa.b\\E` \"axb a.b\" }}"
                + "|{{ regexFind `\\101\\x42\\x{43}` \"ABC\" }}",
            "a{,2}|a.b|ABC"),
        new Case(
            "{{ regexFind `\\p{Greek}+` \"abc αβγ\" }}|{{ regexFind `[\\p{Lu}]+` \"abcDEF\" }}"
                + "|{{ regexFind `\\bis\\b` \"this is\" }}",
            "αβγ|DEF|is"),
        new Case(
            "{{ regexFind `[]a]+` \"x]a]\" }}|{{ regexFind `[a-]+` \"-a-\" }}|{{ regexFind `[\\d.]+` \"v1.2\" }}",
            "]a]|-a-|1.2"),
        new Case("{{ regexMatch \"(\" \"x\" }}", "false"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsSprigDoes(Case c) {
    assertThat(render(c.template())).isEqualTo(c.expected());
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            "{{ mustRegexFind \"(\" \"x\" }}",
            "error calling mustRegexFind: error parsing regexp: missing closing ): `(`"),
        new Case(
            "{{ regexFind \"(\" \"x\" }}",
            "error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"),
        new Case(
            "{{ regexReplaceAll \"a\\n(\" \"x\" \"y\" }}",
            "error calling regexReplaceAll: "
                + "regexp: Compile(\"a\\n(\"): error parsing regexp: missing closing ): `a\n(`"),
        new Case("{{ mustRegexMatch \"a**\" \"x\" }}", "invalid nested repetition operator: `**`"),
        new Case(
            "{{ mustRegexMatch \"a{2}*\" \"x\" }}", "invalid nested repetition operator: `{2}*`"),
        new Case(
            "{{ mustRegexMatch \"*a\" \"x\" }}", "missing argument to repetition operator: `*`"),
        new Case(
            "{{ mustRegexMatch \"(+)\" \"x\" }}", "missing argument to repetition operator: `+`"),
        new Case("{{ mustRegexMatch \"a{1001}\" \"x\" }}", "invalid repeat count: `{1001}`"),
        new Case("{{ mustRegexMatch \"a{3,2}\" \"x\" }}", "invalid repeat count: `{3,2}`"),
        new Case("{{ mustRegexMatch \"[z-a]\" \"x\" }}", "invalid character class range: `z-a`"),
        new Case("{{ mustRegexMatch `\\8` \"x\" }}", "invalid escape sequence: `\\8`"),
        new Case("{{ mustRegexMatch `\\1` \"x\" }}", "invalid escape sequence: `\\1`"),
        new Case("{{ mustRegexMatch `\\Z` \"x\" }}", "invalid escape sequence: `\\Z`"),
        new Case("{{ mustRegexMatch \"a)\" \"x\" }}", "unexpected ): `a)`"),
        new Case("{{ mustRegexMatch \"[a\" \"x\" }}", "missing closing ]: `[a`"),
        new Case("{{ mustRegexMatch `a\\` \"x\" }}", "trailing backslash at end of expression: ``"),
        new Case("{{ mustRegexMatch \"(?P<a-b>x)\" \"x\" }}", "invalid named capture: `(?P<a-b>`"),
        new Case(
            "{{ mustRegexMatch \"(?!x)\" \"x\" }}", "invalid or unsupported Perl syntax: `(?!`"),
        new Case(
            "{{ mustRegexMatch \"[[:foo:]]\" \"x\" }}", "invalid character class range: `[:foo:]`"),
        new Case(
            "{{ mustRegexMatch `\\p{Foo}` \"x\" }}", "invalid character class range: `\\p{Foo}`"),
        new Case("{{ regexFindAll \"a\" \"a\" 1.5 }}", "expected integer; found 1.5"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void failsAsSprigDoes(Case c) {
    assertThatThrownBy(() -> render(c.template()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(c.expected());
  }
}
