package io.helmsync.template.golib;

import static io.helmsync.template.golib.GoType.INT;
import static io.helmsync.template.golib.GoType.INT64;
import static io.helmsync.template.golib.GoType.STRING;
import static io.helmsync.template.golib.GoType.TIME;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Go's {@code time.Time}: an instant in a location. The location is a zone from the tz database
 * (printed with its abbreviation, {@code EST}) or, after parsing an offset that is not the local
 * one, a nameless fixed offset (printed as {@code +0200}), as Go's {@code FixedZone("", offset)}.
 */
public final class GoTime implements GoStruct {
  /** Go's zero time, January 1, year 1, 00:00:00 UTC, which {@code toDate} gives on bad input. */
  public static final GoTime ZERO =
      new GoTime(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC, "UTC");

  private final Instant instant;
  private final ZoneId zone;

  /** The abbreviation to print, or null to take the zone's own; "" for a nameless offset. */
  private final String zoneName;

  public GoTime(Instant instant, ZoneId zone, String zoneName) {
    this.instant = instant;
    this.zone = zone;
    this.zoneName = zoneName;
  }

  public static GoTime now() {
    return new GoTime(Instant.now(), ZoneId.systemDefault(), null);
  }

  public static GoTime unix(long seconds) {
    return new GoTime(Instant.ofEpochSecond(seconds), ZoneId.systemDefault(), null);
  }

  public Instant instant() {
    return instant;
  }

  ZonedDateTime wall() {
    return instant.atZone(zone);
  }

  /** {@code t.In(loc)}. */
  public GoTime in(ZoneId location) {
    return new GoTime(instant, location, null);
  }

  public GoTime plusNanos(long nanos) {
    return new GoTime(instant.plusNanos(nanos), zone, zoneName);
  }

  /** The zone abbreviation Go prints for {@code MST}; empty for a nameless offset. */
  String zoneAbbreviation() {
    if (zoneName != null) {
      return zoneName;
    }
    if (zone.normalized() instanceof ZoneOffset offset && offset.getTotalSeconds() == 0) {
      return "UTC";
    }
    String name = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(wall());
    // Java spells some zones as GMT+02:00 where Go's tzdata has a number like "+02".
    return name.startsWith("GMT") && name.length() > 3 ? tzdataNumber() : name;
  }

  /** tzdata's numeric abbreviation: {@code -05}, or {@code +0530} when there are minutes. */
  private String tzdataNumber() {
    String number = GoLayout.numericZone(wall());
    return number.endsWith("00") ? number.substring(0, 3) : number;
  }

  @Override
  public String goType() {
    return "time.Time";
  }

  @Override
  public Optional<Object> member(String name) {
    ZonedDateTime wall = wall();
    return Optional.ofNullable(
        switch (name) {
          case "Unix" -> GoFunction.of(a -> new Int64(instant.getEpochSecond()));
          case "UnixMilli" -> GoFunction.of(a -> new Int64(instant.toEpochMilli()));
          case "UnixMicro" ->
              GoFunction.of(
                  a ->
                      new Int64(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000));
          case "UnixNano" ->
              GoFunction.of(
                  a -> new Int64(instant.getEpochSecond() * 1_000_000_000L + instant.getNano()));
          case "Add" -> GoFunction.of(a -> plusNanos(((Int64) a[0]).value()), INT64);
          case "AddDate" ->
              GoFunction.of(a -> plusDate((Long) a[0], (Long) a[1], (Long) a[2]), INT, INT, INT);
          case "UTC" -> GoFunction.of(a -> in(ZoneOffset.UTC));
          case "Local" -> GoFunction.of(a -> in(ZoneId.systemDefault()));
          case "Format" -> GoFunction.of(a -> GoLayout.format(this, (String) a[0]), STRING);
          case "String" -> GoFunction.of(a -> toString());
          case "Year" -> GoFunction.of(a -> (long) wall.getYear());
          case "YearDay" -> GoFunction.of(a -> (long) wall.getDayOfYear());
          case "Month" ->
              GoFunction.of(a -> wall.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
          case "Day" -> GoFunction.of(a -> (long) wall.getDayOfMonth());
          case "Weekday" ->
              GoFunction.of(
                  a -> wall.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
          case "Hour" -> GoFunction.of(a -> (long) wall.getHour());
          case "Minute" -> GoFunction.of(a -> (long) wall.getMinute());
          case "Second" -> GoFunction.of(a -> (long) wall.getSecond());
          case "Nanosecond" -> GoFunction.of(a -> (long) wall.getNano());
          case "IsZero" -> GoFunction.of(a -> instant.equals(ZERO.instant));
          case "Before" -> GoFunction.of(a -> instant.isBefore(((GoTime) a[0]).instant), TIME);
          case "After" -> GoFunction.of(a -> instant.isAfter(((GoTime) a[0]).instant), TIME);
          case "Equal" -> GoFunction.of(a -> instant.equals(((GoTime) a[0]).instant), TIME);
          default -> null;
        });
  }

  /**
   * {@code t.AddDate(years, months, days)}: Go normalizes the date rather than clamping it, so
   * January 31 plus one month is March 2 or 3.
   */
  private GoTime plusDate(long years, long months, long days) {
    ZonedDateTime wall = wall();
    LocalDateTime date =
        wall.toLocalDateTime()
            .withDayOfMonth(1)
            .withMonth(1)
            .plusYears(years)
            .plusMonths(wall.getMonthValue() - 1 + months)
            .plusDays(wall.getDayOfMonth() - 1 + days);
    return new GoTime(date.atZone(zone).toInstant(), zone, zoneName);
  }

  /** {@code MarshalJSON}'s text: RFC 3339 with the fraction Go keeps. */
  String rfc3339() {
    return GoLayout.format(this, "2006-01-02T15:04:05.999999999Z07:00");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GoTime t && instant.equals(t.instant) && zone.equals(t.zone);
  }

  @Override
  public int hashCode() {
    return instant.hashCode();
  }

  /** {@code time.Time.String()}. */
  @Override
  public String toString() {
    return GoLayout.format(this, "2006-01-02 15:04:05.999999999 -0700 MST");
  }
}
