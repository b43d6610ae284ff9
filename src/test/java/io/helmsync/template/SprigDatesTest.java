package io.helmsync.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Helm conformance cases cannot pin because it depends on the clock: {@code now},
 * {@code ago}, and that an argument which is not a time or Go integer means now. Everything
 * deterministic is proven against Helm in {@code conformance/sprig-semver-dates.yaml}.
 */
class SprigDatesTest {
  private static String render(String text) {
    return Template.create(Sprig.functions(), MissingKey.DEFAULT).parse("t", text).execute("t", Map.of());
  }

  @Test
  void nowIsTheCurrentInstant() {
    long before = Instant.now().getEpochSecond();
    long rendered = Long.parseLong(render("{{ now | unixEpoch }}"));
    long after = Instant.now().getEpochSecond();
    assertThat(rendered).isBetween(before, after);
  }

  @Test
  void agoRoundsToSeconds() {
    long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
    assertThat(render("{{ ago " + tenMinutesAgo + " }}")).isIn("10m0s", "10m1s");
  }

  @Test
  void aFloatDateMeansNow() {
    int year = Instant.now().atZone(ZoneOffset.UTC).getYear();
    assertThat(render("{{ dateInZone \"2006\" 1.5 \"UTC\" }}")).isEqualTo(String.valueOf(year));
  }

  @Test
  void durationsFormatAsGoDoes() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
    assertThat(GoDuration.format(3_723_500_000_000L)).isEqualTo("1h2m3.5s");
    assertThat(GoDuration.format(-61_000_000_000L)).isEqualTo("-1m1s");
    assertThat(GoDuration.parse("1h30m")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDuration.parse("-1.5ms")).isEqualTo(-1_500_000L);
  }
}
