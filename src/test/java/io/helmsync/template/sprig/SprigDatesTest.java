package io.helmsync.template.sprig;

import static org.assertj.core.api.Assertions.assertThat;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sprig's date functions on Go's {@code time.Time}. The table holds what Helm renders for fixed
 * instants (given with explicit offsets, so the machine's zone does not matter); the tests below it
 * pin what the Helm conformance cases cannot because it depends on the clock: {@code now}, {@code
 * ago}, and that an argument which is not a time or Go integer means now.
 */
class SprigDatesTest extends FunctionCases {
  private static final String T =
      "(toDate \"2006-01-02T15:04:05Z07:00\" " + "\"2024-02-29T23:59:58.5+05:30\")";

  static Stream<Case> outputs() {
    return Stream.of(
        new Case("{{ " + T + " }}", "2024-02-29 23:59:58.5 +0530 +0530"),
        new Case(
            "{{ " + T + ".UTC }} {{ " + T + ".Unix }} {{ " + T + ".UnixMilli }}",
            "2024-02-29 18:29:58.5 +0000 UTC 1709231398 1709231398500"),
        new Case(
            "{{ " + T + " | toJson }} {{ typeOf " + T + ".Unix }}",
            "\"2024-02-29T23:59:58.5+05:30\" int64"),
        new Case(
            "{{ dateInZone \"Mon Jan _2 15:04:05.000 MST 2006\" " + T + " \"UTC\" }}",
            "Thu Feb 29 18:29:58.500 UTC 2024"),
        new Case(
            "{{ dateInZone \"15:04 MST\" 1700000000 \"America/New_York\" }} "
                + "{{ dateInZone \"15:04 MST\" 1700000000 \"EST\" }} "
                + "{{ dateInZone \"15:04 MST\" 1700000000 \"Etc/GMT+5\" }} "
                + "{{ dateInZone \"15:04 MST\" 1700000000 \"Nowhere/Unknown\" }}",
            "17:13 EST 17:13 EST 17:13 -05 22:13 UTC"),
        new Case(
            "{{ htmlDateInZone 0 \"UTC\" }} {{ htmlDateInZone (int64 86400) \"UTC\" }}",
            "1970-01-01 1970-01-02"),
        new Case(
            "{{ toDate \"2006-01-02 15:04 MST\" \"2024-06-01 10:00 GMT+3\" }} "
                + "{{ toDate \"2006-01-02 15:04 MST\" \"2024-06-01 10:00 PST\" | unixEpoch }}",
            "2024-06-01 13:00:00 +0300 GMT+3 1717236000"),
        new Case(
            "{{ (toDate \"2006-01-02Z07:00\" \"2024-01-31Z\").AddDate 0 1 0 }}",
            "2024-03-02 00:00:00 +0000 UTC"),
        new Case("{{ toDate \"2006-01-02\" \"not-a-date\" }}", "0001-01-01 00:00:00 +0000 UTC"),
        new Case("{{ mustToDate \"15:04Z07:00\" \"10:11Z\" }}", "0000-01-01 10:11:00 +0000 UTC"),
        new Case(
            "{{ htmlDateInZone (mustToDate \"2006-002Z07:00\" \"2024-060Z\") \"UTC\" }}",
            "2024-02-29"),
        new Case(
            "{{ dateInZone \"15:04\" ("
                + T
                + " | dateModify \"-1h30m\") \"UTC\" }} "
                + "{{ "
                + T
                + " | dateModify \"bad\" | unixEpoch }}",
            "16:59 1709231398"),
        new Case(
            "{{ duration \"3661\" }} {{ duration (int64 90) }} {{ duration 90 }}",
            "1h1m1s 1m30s 0s"),
        new Case(
            "{{ durationRound \"2h10m5s\" }} {{ durationRound \"800h\" }} "
                + "{{ durationRound \"-3h\" }} {{ durationRound \"bad\" }}",
            "2h 1mo 3h 0s"));
  }

  static Stream<Case> errors() {
    return Stream.of(
        new Case(
            "{{ mustToDate \"2006-01-02\" \"not-a-date\" }}",
            "error calling mustToDate: parsing time \"not-a-date\" as \"2006-01-02\": cannot "
                + "parse \"not-a-date\" as \"2006\""),
        new Case(
            "{{ mustToDate \"2006-01-02 15:04\" \"2024-02-10 25:00\" }}",
            "error calling mustToDate: parsing time \"2024-02-10 25:00\": hour out of range"),
        new Case(
            "{{ mustToDate \"2006-01-02\" \"2024-02-30\" }}",
            "error calling mustToDate: parsing time \"2024-02-30\": day out of range"),
        new Case(
            "{{ mustToDate \"2006-002 01\" \"2024-060 03\" }}",
            "error calling mustToDate: parsing time \"2024-060 03\": day-of-year does not match "
                + "month"),
        new Case(
            "{{ mustToDate \"2006-01-02\" \"2024-01-01 10:00\" }}",
            "error calling mustToDate: parsing time \"2024-01-01 10:00\": extra text: \" 10:00\""),
        new Case(
            "{{ " + T + " | mustDateModify \"10x\" }}",
            "error calling mustDateModify: time: unknown unit \"x\" in duration \"10x\""),
        new Case("{{ unixEpoch 5 }}", "can't handle 5 for arg of type time.Time"),
        new Case("{{ dateModify \"1h\" nil }}", "cannot assign nil to time.Time"),
        new Case(
            "{{ $s := \"2024\" }}{{ unixEpoch $s }}",
            "wrong type for value; expected time.Time; got string"));
  }

  @Override
  Functions functions() {
    return Sprig.functions();
  }

  @Override
  Object data() {
    return Map.of();
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
  void agoOfTheFarFutureSaturates() {
    assertThat(render("{{ ago (toDate \"2006Z07:00\" \"3000Z\") }}"))
        .isEqualTo("-2562047h47m16.854775808s");
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
    assertThat(GoDuration.format(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
    assertThat(GoDuration.parse("1h30m")).isEqualTo(5_400_000_000_000L);
    assertThat(GoDuration.parse("-1.5ms")).isEqualTo(-1_500_000L);
  }

  @Test
  void durationsRoundHalfAwayFromZeroAndSaturate() {
    long second = 1_000_000_000L;
    assertThat(GoDuration.round(1_500_000_000L, second)).isEqualTo(2 * second);
    assertThat(GoDuration.round(-1_500_000_000L, second)).isEqualTo(-2 * second);
    assertThat(GoDuration.round(1_499_999_999L, second)).isEqualTo(second);
    assertThat(GoDuration.round(Long.MAX_VALUE, second)).isEqualTo(Long.MAX_VALUE);
    assertThat(GoDuration.round(Long.MIN_VALUE, second)).isEqualTo(Long.MIN_VALUE);
  }
}
