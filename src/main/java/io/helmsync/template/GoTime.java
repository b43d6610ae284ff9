package io.helmsync.template;

import static io.helmsync.template.GoType.ANY;
import static io.helmsync.template.GoType.STRING;

import java.time.Instant;
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
final class GoTime implements GoStruct {
  /** Go's zero time, January 1, year 1, 00:00:00 UTC, which {@code toDate} gives on bad input. */
  static final GoTime ZERO = new GoTime(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC, "UTC");

  private final Instant instant;
  private final ZoneId zone;
  /** The abbreviation to print, or null to take the zone's own; "" for a nameless offset. */
  private final String zoneName;

  GoTime(Instant instant, ZoneId zone, String zoneName) {
    this.instant = instant;
    this.zone = zone;
    this.zoneName = zoneName;
  }

  static GoTime now() {
    return new GoTime(Instant.now(), ZoneId.systemDefault(), null);
  }

  static GoTime unix(long seconds) {
    return new GoTime(Instant.ofEpochSecond(seconds), ZoneId.systemDefault(), null);
  }

  Instant instant() {
    return instant;
  }

  ZonedDateTime wall() {
    return instant.atZone(zone);
  }

  /** {@code t.In(loc)}. */
  GoTime in(ZoneId location) {
    return new GoTime(instant, location, null);
  }

  GoTime plusNanos(long nanos) {
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
    return name.startsWith("GMT") && name.length() > 3 ? GoLayout.numericZone(wall()) : name;
  }

  @Override
  public String goType() {
    return "time.Time";
  }

  @Override
  public Optional<Object> member(String name) {
    ZonedDateTime wall = wall();
    return Optional.ofNullable(switch (name) {
      case "Unix" -> GoFunction.of(a -> instant.getEpochSecond());
      case "UnixNano" -> GoFunction.of(a -> new Int64(instant.getEpochSecond() * 1_000_000_000L
          + instant.getNano()));
      case "UTC" -> GoFunction.of(a -> in(ZoneOffset.UTC));
      case "Local" -> GoFunction.of(a -> in(ZoneId.systemDefault()));
      case "Format" -> GoFunction.of(a -> GoLayout.format(this, (String) a[0]), STRING);
      case "String" -> GoFunction.of(a -> toString());
      case "Year" -> GoFunction.of(a -> (long) wall.getYear());
      case "YearDay" -> GoFunction.of(a -> (long) wall.getDayOfYear());
      case "Month" -> GoFunction.of(a -> wall.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
      case "Day" -> GoFunction.of(a -> (long) wall.getDayOfMonth());
      case "Weekday" -> GoFunction.of(a -> wall.getDayOfWeek().getDisplayName(TextStyle.FULL,
          Locale.ENGLISH));
      case "Hour" -> GoFunction.of(a -> (long) wall.getHour());
      case "Minute" -> GoFunction.of(a -> (long) wall.getMinute());
      case "Second" -> GoFunction.of(a -> (long) wall.getSecond());
      case "Nanosecond" -> GoFunction.of(a -> (long) wall.getNano());
      case "IsZero" -> GoFunction.of(a -> instant.equals(ZERO.instant));
      case "Before" -> GoFunction.of(a -> instant.isBefore(time(a[0]).instant), ANY);
      case "After" -> GoFunction.of(a -> instant.isAfter(time(a[0]).instant), ANY);
      default -> null;
    });
  }

  private static GoTime time(Object value) {
    if (value instanceof GoTime t) {
      return t;
    }
    throw new GoError("wrong type for value; expected time.Time; got " + GoValues.typeName(value));
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
