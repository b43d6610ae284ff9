package io.helmsync.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helmsync.helmfile.HelmfileLoader;
import io.helmsync.helmfile.ReleasePlanner;
import io.helmsync.helmfile.StateOptions;
import io.helmsync.model.DesiredState;
import io.helmsync.model.Manifest;
import io.helmsync.model.Reason;
import io.helmsync.model.ReconcileException;
import io.helmsync.model.YamlDocuments;
import io.helmsync.reconcile.Reconciler;
import io.helmsync.render.ChartContext;
import io.helmsync.render.HelmChartRenderer;
import io.helmsync.source.DirectorySource;
import io.helmsync.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A secret from the env Secret, put inside a longer string and then encoded ({@code b64enc (printf
 * "Bearer %s" $key)}) in a chart template and in a values {@code .gotmpl}, or quoted by {@code
 * fail} and {@code required}: neither what {@code render} prints nor any error holds the secret in
 * a form that decodes back to it, whatever the offset at which it starts in the encoder's groups.
 */
class EncodedSecretLeakTest {
  /** No character of it is in {@code "Bearer "} or {@code "key="}, so a leaked piece shows. */
  static final String KEY = "Zq9-Xk4!Wm7#Tp2$Hv";

  private static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: api
      data:
        bearer: {{ printf "Bearer %s" .Values.apiKey | b64enc }}
        bearer1: {{ printf "Bearer 1%s." .Values.apiKey | b64enc }}
        bearer2: {{ printf "Bearer 12%s.." .Values.apiKey | b64enc }}
        bearer32: {{ printf "Bearer %s" .Values.apiKey | b32enc }}
        bearer32b: {{ printf "Bearer 123%s" .Values.apiKey | b32enc }}
        hex: {{ printf "%x" (printf "key=%s" .Values.apiKey) }}
        fromValues: {{ .Values.bearerFromValues }}
        {{- if .Values.failWith }}
        {{- fail (printf "%s %s" .Values.failWith (printf "Bearer %s" .Values.apiKey | b64enc)) }}
        {{- end }}
        {{- if .Values.requireWith }}
        x: {{ required (printf "%s %s" .Values.requireWith .Values.apiKey) .Values.missing }}
        {{- end }}
      """;

  @TempDir Path root;

  @BeforeEach
  void writeRepository() {
    String release =
        """
        releases:
          - name: api
            chart: ./charts/api
            values:
              - values/api.yaml.gotmpl
        """;
    RepoFiles.write(
        root,
        Map.of(
            "helmfile.yaml",
            release,
            "fail.yaml",
            release + "      - failWith: bad key\n",
            "required.yaml",
            release + "      - requireWith: missing, key\n",
            "gotmpl-fail.yaml",
            release + "      - values/fail.yaml.gotmpl\n",
            "values/api.yaml.gotmpl",
            """
            apiKey: {{ requiredEnv "API_KEY" }}
            bearerFromValues: {{ printf "Bearer %s" (requiredEnv "API_KEY") | b64enc }}
            """,
            "values/fail.yaml.gotmpl",
            "{{ fail (printf \"Bearer %s\" (requiredEnv \"API_KEY\") | b64enc) }}\n",
            "charts/api/Chart.yaml",
            "apiVersion: v2\nname: api\nversion: 0.1.0\n",
            "charts/api/templates/configmap.yaml",
            CONFIG_MAP));
  }

  @Test
  void renderShowsNoDecodableSecret() {
    DesiredState desired = reconciler("helmfile.yaml").render();
    Redaction redaction = Redaction.of(desired.secretValues());
    StringBuilder shown = new StringBuilder();
    for (Manifest object : desired.releases().get(0).objects()) {
      shown.append(YamlDocuments.write(redaction.maskObject(object.body())));
    }

    Map<?, ?> data = (Map<?, ?>) desired.releases().get(0).objects().get(0).body().get("data");
    assertThat(
            new String(
                Base64.getDecoder().decode((String) data.get("bearer")), StandardCharsets.UTF_8))
        .isEqualTo("Bearer " + KEY);
    assertThat(shown)
        .contains(
            "bearer: QmVhcmVy***",
            "bearer2: QmVhcmVyIDEy***Li4=",
            "bearer32: IJSWC4TF***",
            "hex: 6b65793d***");
    assertNoDecodableSecret(shown.toString());
  }

  static Stream<String> failingStates() {
    return Stream.of("fail.yaml", "required.yaml", "gotmpl-fail.yaml");
  }

  @ParameterizedTest
  @MethodSource("failingStates")
  void failAndRequiredMessagesShowNoDecodableSecret(String stateFile) {
    ReconcileException error =
        catchThrowableOfType(ReconcileException.class, () -> reconciler(stateFile).render());

    assertThat(error.reason()).isEqualTo(Reason.STALLED);
    assertThat(error.getMessage()).contains("***");
    assertThat(error.getCause()).isNull();
    assertNoDecodableSecret(error.getMessage());
  }

  @Test
  void encodingsOfOtherTextAreLeftAlone() {
    String text =
        Base64.getEncoder().encodeToString("Bearer someone-else".getBytes(StandardCharsets.UTF_8));
    assertThat(Redaction.of(Set.of(KEY)).mask(text)).isEqualTo(text);
  }

  private Reconciler reconciler(String stateFile) {
    StateOptions options =
        StateOptions.of(stateFile, "shop", Map.of("API_KEY", KEY))
            .withSecretVariables(() -> Set.of("API_KEY"));
    return new Reconciler(
        new DirectorySource(root),
        new HelmfileLoader(options),
        new ReleasePlanner("shop"),
        new HelmChartRenderer(ChartContext.offline()),
        Optional.empty(),
        "default");
  }

  /**
   * Decodes every run of base64, base32 and hex characters at every alignment and checks that no
   * three consecutive characters of the key come out, nor the key itself is in the text.
   */
  static void assertNoDecodableSecret(String text) {
    assertThat(text).doesNotContain(KEY);
    List<String> decoded = new ArrayList<>();
    for (String run : runs(text, "[A-Za-z0-9+/]{4,}")) {
      for (int start = 0; start < 4; start++) {
        String aligned = run.substring(start, start + (run.length() - start) / 4 * 4);
        decoded.add(new String(Base64.getDecoder().decode(aligned), StandardCharsets.ISO_8859_1));
      }
    }
    for (String run : runs(text, "[A-Z2-7]{8,}")) {
      for (int start = 0; start < 8; start++) {
        decoded.add(base32(run.substring(start)));
      }
    }
    for (String run : runs(text, "[0-9a-fA-F]{2,}")) {
      for (int start = 0; start < 2; start++) {
        String aligned = run.substring(start, start + (run.length() - start) / 2 * 2);
        decoded.add(new String(HexFormat.of().parseHex(aligned), StandardCharsets.ISO_8859_1));
      }
    }
    for (int i = 0; i + 3 <= KEY.length(); i++) {
      String piece = KEY.substring(i, i + 3);
      assertThat(decoded).as("decoded forms of %s", text).noneMatch(d -> d.contains(piece));
    }
  }

  private static List<String> runs(String text, String regex) {
    List<String> runs = new ArrayList<>();
    Matcher matcher = Pattern.compile(regex).matcher(text);
    while (matcher.find()) {
      runs.add(matcher.group());
    }
    return runs;
  }

  /** RFC 4648 base32 of whole 8-character groups. */
  private static String base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 8 <= text.length(); i += 8) {
      long group = 0;
      for (int j = 0; j < 8; j++) {
        group = (group << 5) | alphabet.indexOf(text.charAt(i + j));
      }
      for (int shift = 32; shift >= 0; shift -= 8) {
        out.append((char) ((group >>> shift) & 0xff));
      }
    }
    return out.toString();
  }
}
