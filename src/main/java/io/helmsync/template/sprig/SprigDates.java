package io.helmsync.template.sprig;

import static io.helmsync.template.golib.GoType.ANY;
import static io.helmsync.template.golib.GoType.STRING;
import static io.helmsync.template.golib.GoType.TIME;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoDuration;
import io.helmsync.template.golib.GoError;
import io.helmsync.template.golib.GoFunction;
import io.helmsync.template.golib.GoLayout;
import io.helmsync.template.golib.GoTime;
import io.helmsync.template.golib.Int64;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Sprig's date functions on {@link GoTime}. As in Sprig, a date argument may be a {@code time.Time}
 * or Go integer seconds since the epoch; anything else (a float64 from values, a string) silently
 * means now. {@code toDate} gives Go's zero time on bad input, {@code mustToDate} the parse error.
 */
final class SprigDates {
  private static final long SECOND = 1_000_000_000L;

  /** tzdata's fixed zones that java.time knows only as short ids; Go prints their own names. */
  private static final Map<String, ZoneOffset> FIXED_ZONES =
      Map.of(
          "EST",
          ZoneOffset.ofHours(-5),
          "MST",
          ZoneOffset.ofHours(-7),
          "HST",
          ZoneOffset.ofHours(-10));

  private SprigDates() {}

  static Functions functions() {
    GoFunction dateInZone =
        GoFunction.of(a -> dateInZone((String) a[0], a[1], (String) a[2]), STRING, ANY, STRING);
    GoFunction dateModify =
        GoFunction.of(a -> dateModify((String) a[0], (GoTime) a[1]), STRING, TIME);
    GoFunction mustDateModify =
        GoFunction.of(
            a -> ((GoTime) a[1]).plusNanos(GoDuration.parse((String) a[0])), STRING, TIME);
    return Functions.builder()
        .add("now", GoFunction.of(a -> GoTime.now()))
        .add("date", GoFunction.of(a -> dateInZone((String) a[0], a[1], "Local"), STRING, ANY))
        .add("dateInZone", dateInZone)
        .add("date_in_zone", dateInZone)
        .add("htmlDate", GoFunction.of(a -> dateInZone("2006-01-02", a[0], "Local"), ANY))
        .add(
            "htmlDateInZone",
            GoFunction.of(a -> dateInZone("2006-01-02", a[0], (String) a[1]), ANY, STRING))
        .add("toDate", GoFunction.of(a -> toDate((String) a[0], (String) a[1]), STRING, STRING))
        .add(
            "mustToDate",
            GoFunction.of(
                a -> GoLayout.parse((String) a[0], (String) a[1], ZoneId.systemDefault()),
                STRING,
                STRING))
        .add("dateModify", dateModify)
        .add("date_modify", dateModify)
        .add("mustDateModify", mustDateModify)
        .add("must_date_modify", mustDateModify)
        .add(
            "unixEpoch",
            GoFunction.of(a -> String.valueOf(((GoTime) a[0]).instant().getEpochSecond()), TIME))
        .add("ago", GoFunction.of(a -> ago(a[0]), ANY))
        .add("duration", GoFunction.of(a -> duration(a[0]), ANY))
        .add("durationRound", GoFunction.of(a -> durationRound(a[0]), ANY))
        .build();
  }

  /** Sprig's {@code dateInZone}: an unknown zone falls back to UTC. */
  private static String dateInZone(String layout, Object date, String zone) {
    GoTime time = asTime(date);
    ZoneOffset fixed = FIXED_ZONES.get(zone);
    GoTime zoned =
        fixed == null ? time.in(location(zone)) : new GoTime(time.instant(), fixed, zone);
    return GoLayout.format(zoned, layout);
  }

  private static GoTime asTime(Object date) {
    if (date instanceof GoTime t) {
      return t;
    }
    if (date instanceof Long seconds) {
      return GoTime.unix(seconds);
    }
    if (date instanceof Int64 seconds) {
      return GoTime.unix(seconds.value());
    }
    return GoTime.now();
  }

  private static ZoneId location(String zone) {
    if (zone.equals("Local")) {
      return ZoneId.systemDefault();
    }
    if (zone.isEmpty() || zone.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static GoTime toDate(String layout, String value) {
    try {
      return GoLayout.parse(layout, value, ZoneId.systemDefault());
    } catch (GoError e) {
      return GoTime.ZERO;
    }
  }

  /** A bad duration leaves the time as it was. */
  private static GoTime dateModify(String duration, GoTime date) {
    try {
      return date.plusNanos(GoDuration.parse(duration));
    } catch (GoError e) {
      return date;
    }
  }

  private static String ago(Object date) {
    return GoDuration.format(GoDuration.round(since(asTime(date)), SECOND));
  }

  /** {@code time.Since}, which saturates at the int64 limits rather than overflowing. */
  private static long since(GoTime time) {
    Instant now = Instant.now();
    try {
      return Duration.between(time.instant(), now).toNanos();
    } catch (ArithmeticException e) {
      return time.instant().isAfter(now) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Sprig's {@code duration}: only int64 and strings of digits count, other values are 0. */
  private static String duration(Object seconds) {
    long n = 0;
    if (seconds instanceof Int64 value) {
      n = value.value();
    } else if (seconds instanceof String text) {
      try {
        n = Long.parseLong(text);
      } catch (NumberFormatException e) {
        n = 0;
      }
    }
    return GoDuration.format(n * SECOND);
  }

  /** Sprig's {@code durationRound}: the largest whole unit, from years down to seconds. */
  private static String durationRound(Object value) {
    long nanos = 0;
    if (value instanceof String text) {
      try {
        nanos = GoDuration.parse(text);
      } catch (GoError e) {
        nanos = 0;
      }
    } else if (value instanceof Int64 n) {
      nanos = n.value();
    } else if (value instanceof GoTime t) {
      nanos = since(t);
    }
    // Sprig works on the magnitude as a uint64, so even the most negative duration has one.
    long u = nanos < 0 ? -nanos : nanos;
    long minute = 60 * SECOND;
    long hour = 60 * minute;
    long day = 24 * hour;
    long[] units = {365 * day, 30 * day, day, hour, minute, SECOND};
    String[] names = {"y", "mo", "d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (Long.compareUnsigned(u, units[i]) > 0) {
        return Long.divideUnsigned(u, units[i]) + names[i];
      }
    }
    return "0s";
  }
}
