package io.helmsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scrape tests are only as strict as this parser: it must refuse what Prometheus refuses. */
class PrometheusTextTest {

  @Test
  void readsTypesLabelsWithEscapesAndSpecialValues() {
    PrometheusText text =
        PrometheusText.parse(
            """
        # HELP helmsync_reconcile_total Reconciles by result
        # TYPE helmsync_reconcile_total counter
        helmsync_reconcile_total{environment="demo",result="success",} 3.0
        # TYPE helmsync_reconcile_duration_seconds histogram
        helmsync_reconcile_duration_seconds_bucket{le="+Inf"} 3 1700000000000
        helmsync_info{repo="a \\"quoted\\" \\\\ path"} 1.0
        up NaN
        """);

    assertThat(text.type("helmsync_reconcile_duration_seconds")).contains("histogram");
    assertThat(
            text.sample("helmsync_reconcile_total", Map.of("result", "success"))
                .orElseThrow()
                .value())
        .isEqualTo(3);
    assertThat(text.samples("helmsync_reconcile_duration_seconds_bucket").get(0).value())
        .isEqualTo(3);
    assertThat(text.samples("helmsync_info").get(0).labels())
        .containsEntry("repo", "a \"quoted\" \\ path");
    assertThat(text.samples("up").get(0).value()).isNaN();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "helmsync_x{environment=demo} 1",
        "helmsync_x{environment=\"demo\" 1",
        "helmsync_x{environment=\"demo\",environment=\"other\"} 1",
        "helmsync_x 1 2 3",
        "helmsync_x one",
        "helmsync-x 1",
        "helmsync_x{le=\"1\"}1",
        "# TYPE helmsync_x countr",
      })
  void refusesWhatPrometheusRefuses(String line) {
    assertThatThrownBy(() -> PrometheusText.parse(line))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 1");
  }
}
