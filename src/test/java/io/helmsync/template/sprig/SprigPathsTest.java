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
 * Sprig's path, file path and URL functions, as Go's path, path/filepath (Linux) and net/url give
 * them.
 */
class SprigPathsTest {
  record Case(String template, String expected) {
    @Override
    public String toString() {
      return template;
    }
  }

  private static String render(String template) {
    Map<String, Object> data =
        Map.of(
            "full",
                Map.of(
                    "scheme",
                    "proto",
                    "host",
                    "host:80",
                    "path",
                    "/path",
                    "query",
                    "query",
                    "fragment",
                    "fragment",
                    "userinfo",
                    "auth"),
            "spaces", Map.of("scheme", "http", "host", "h", "path", "a b", "fragment", "x y!"),
            "colon", Map.of("path", "a:b"),
            "badUser", Map.of("userinfo", "us er"),
            "badPath", Map.of("path", 5L));
    return Template.create(SprigPaths.functions(), MissingKey.DEFAULT)
        .parse("t", template)
        .execute("t", data);
  }

  static Stream<Case> outputs() {
    return Stream.of(
        new Case(
            "{{ base \"foo/bar/baz.txt\" }} {{ base \"\" }} {{ base \"/\" }} {{ base \"a/b/\" }}"
                + " {{ base \"///\" }}",
            "baz.txt . / b /"),
        new Case(
            "{{ dir \"foo/bar/baz\" }} {{ dir \"baz\" }} {{ dir \"/\" }} {{ dir \"\" }} {{ dir \"/a\" }}",
            "foo/bar . / . /"),
        new Case(
            "{{ clean \"foo/bar/../baz\" }} {{ clean \"\" }} {{ clean \"/../a\" }}"
                + " {{ clean \"../../a/./b//\" }} {{ clean \"a/../..\" }} {{ clean \"//\" }}",
            "foo/baz . /a ../../a/b .. /"),
        new Case("{{ ext \"foo.bar\" }}|{{ ext \"a.b/c\" }}|{{ ext \"a.tar.gz\" }}", ".bar||.gz"),
        new Case("{{ isAbs \"/a\" }} {{ isAbs \"a\" }} {{ osIsAbs \"/a\" }}", "true false true"),
        new Case(
            "{{ osBase \"a/b.c\" }} {{ osDir \"a/b.c\" }} {{ osClean \"a//b/\" }} {{ osExt \"a/b.c\" }}",
            "b.c a a/b .c"),
        new Case(
            "{{ urlParse \"proto://auth@host:80/path?query#fragment\" }}",
            "map[fragment:fragment host:host:80 hostname:host opaque: path:/path query:query"
                + " scheme:proto userinfo:auth]"),
        new Case(
            "{{ (urlParse \"mailto:a@b.c\").opaque }}|{{ (urlParse \"http://h/a%20b\").path }}"
                + "|{{ (urlParse \"HTTP://[::1]:8080/\").hostname }}|{{ (urlParse \"http://u:p%40@h\").userinfo }}",
            "a@b.c|/a b|::1|u:p%40"),
        new Case(
            "{{ (urlParse \"/just/a/path?\").path }}|{{ (urlParse \"\").path }}", "/just/a/path|"),
        new Case("{{ urlJoin .full }}", "proto://auth@host:80/path?query#fragment"),
        new Case("{{ urlJoin .spaces }}|{{ urlJoin .colon }}", "http://h/a%20b#x%20y!|./a:b"));
  }

  @ParameterizedTest
  @MethodSource("outputs")
  void rendersAsSprigDoes(Case c) {
    assertThat(render(c.template())).isEqualTo(c.expected());
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            "{{ urlParse \":foo\" }}",
            "error calling urlParse: unable to parse url: parse \":foo\": missing protocol scheme"),
        new Case(
            "{{ urlParse \"http://h:x/\" }}",
            "parse \"http://h:x/\": invalid port \":x\" after host"),
        new Case("{{ urlParse \"a%zz\" }}", "parse \"a%zz\": invalid URL escape \"%zz\""),
        new Case("{{ urlParse \"http://a b/\" }}", "invalid character \" \" in host name"),
        new Case("{{ urlParse \"1a:b/c\" }}", "first path segment in URL cannot contain colon"),
        new Case("{{ urlParse \"x#%zz\" }}", "parse \"x#%zz\": invalid URL escape \"%zz\""),
        new Case(
            "{{ urlJoin .badUser }}",
            "error calling urlJoin: unable to parse userinfo in dict: "
                + "parse \"proto://us er@host\": net/url: invalid userinfo"),
        new Case(
            "{{ urlJoin .badPath }}",
            "unable to parse path key, must be of type string, but int found"));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void failsAsSprigDoes(Case c) {
    assertThatThrownBy(() -> render(c.template()))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining(c.expected());
  }
}
