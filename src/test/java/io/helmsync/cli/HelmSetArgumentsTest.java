package io.helmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmsync.helmfile.SetValues;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --set} text applied as Helm's strvals would, through helmfile's SetValues. */
class HelmSetArgumentsTest {
  record Case(String argument, boolean asString, Map<String, Object> expected) {
    @Override
    public String toString() {
      return (asString ? "--set-string " : "--set ") + argument;
    }
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case(
            "replicas=3,debug=true,name=web",
            false,
            map("replicas", 3L, "debug", true, "name", "web")),
        new Case(
            "zip=01234,zero=0,big=99999999999999999999",
            false,
            map("zip", "01234", "zero", 0L, "big", "99999999999999999999")),
        new Case("gone=null,off=FALSE", false, map("gone", null, "off", false)),
        new Case(
            "image.tag=1.25,hosts={a.example,b.example}",
            false,
            map("image", map("tag", "1.25"), "hosts", Arrays.asList("a.example", "b.example"))),
        new Case(
            "labels.app\\.kubernetes\\.io/name=web,motd=hello\\, world",
            false,
            map("labels", map("app.kubernetes.io/name", "web"), "motd", "hello, world")),
        new Case("ports[1]=8080", false, map("ports", Arrays.asList(null, 8080L))),
        new Case("replicas=3,debug=true", true, map("replicas", "3", "debug", "true")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void typesAndNestsLikeHelm(Case c) {
    Map<String, Object> values =
        SetValues.apply(
            Map.of(),
            HelmSetArguments.entries(c.argument(), c.asString()),
            c.asString(),
            name -> name,
            "test");

    assertThat(values).isEqualTo(c.expected());
  }

  @Test
  void aPairWithoutAValueIsRefused() {
    assertThatThrownBy(() -> HelmSetArguments.entries("a=1,b", false))
        .hasMessage("key \"b\" has no value (in --set a=1,b)");
  }
}
