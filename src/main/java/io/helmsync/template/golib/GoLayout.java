package io.helmsync.template.golib;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Go's reference-time layouts ({@code 2006-01-02T15:04:05Z07:00}): {@code time.Format} and {@code
 * time.Parse}, chunk by chunk as Go's {@code nextStdChunk} splits a layout.
 */
public final class GoLayout {
  private GoLayout() {}

  /** One piece of a layout: a literal, or a reference-time element such as {@code 2006}. */
  private record Chunk(String text, boolean element) {}

  private static final String[] ELEMENTS = {
    "January",
    "Jan",
    "Monday",
    "Mon",
    "MST",
    "2006",
    "002",
    "__2",
    "_2",
    "01",
    "02",
    "03",
    "04",
    "05",
    "06",
    "15",
    "-07:00:00",
    "-070000",
    "-07:00",
    "-0700",
    "-07",
    "Z07:00:00",
    "Z070000",
    "Z07:00",
    "Z0700",
    "Z07",
    "PM",
    "pm",
    "1",
    "2",
    "3",
    "4",
    "5"
  };

  private static List<Chunk> chunks(String layout) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      String element = elementAt(layout, i);
      if (element == null) {
        literal.append(layout.charAt(i++));
        continue;
      }
      if (literal.length() > 0) {
        chunks.add(new Chunk(literal.toString(), false));
        literal.setLength(0);
      }
      chunks.add(new Chunk(element, true));
      i += element.length();
    }
    if (literal.length() > 0) {
      chunks.add(new Chunk(literal.toString(), false));
    }
    return chunks;
  }

  private static String elementAt(String layout, int i) {
    char c = layout.charAt(i);
    if ((c == '.' || c == ',')
        && i + 1 < layout.length()
        && (layout.charAt(i + 1) == '0' || layout.charAt(i + 1) == '9')) {
      char digit = layout.charAt(i + 1);
      int j = i + 1;
      while (j < layout.length() && layout.charAt(j) == digit) {
        j++;
      }
      if (j >= layout.length() || !Character.isDigit(layout.charAt(j))) {
        return layout.substring(i, j);
      }
    }
    if (layout.startsWith("Monday", i) || layout.startsWith("January", i)) {
      return layout.startsWith("Monday", i) ? "Monday" : "January";
    }
    if (layout.startsWith("Mon", i)
        && !(i + 3 < layout.length() && Character.isLowerCase(layout.charAt(i + 3)))) {
      return "Mon";
    }
    if (layout.startsWith("Jan", i)
        && !(i + 3 < layout.length() && Character.isLowerCase(layout.charAt(i + 3)))) {
      return "Jan";
    }
    if (layout.startsWith("_2006", i)) {
      return null; // "_" then the year, as Go reads it
    }
    for (String element : ELEMENTS) {
      if (element.length() > 3
          || element.equals("MST")
          || element.equals("002")
          || element.equals("__2")) {
        if (layout.startsWith(element, i)) {
          return element;
        }
      }
    }
    for (String element : ELEMENTS) {
      if (element.length() <= 3 && layout.startsWith(element, i)) {
        return element;
      }
    }
    return null;
  }

  // ---- formatting

  public static String format(GoTime time, String layout) {
    ZonedDateTime t = time.wall();
    StringBuilder out = new StringBuilder();
    for (Chunk chunk : chunks(layout)) {
      if (chunk.element()) {
        out.append(formatElement(chunk.text(), t, time));
      } else {
        out.append(chunk.text());
      }
    }
    return out.toString();
  }

  private static String formatElement(String element, ZonedDateTime t, GoTime time) {
    if (element.startsWith(".") || element.startsWith(",")) {
      return fraction(element, t.getNano());
    }
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    return switch (element) {
      case "January" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Jan" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "Monday" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Mon" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "MST" -> time.zoneAbbreviation().isEmpty() ? numericZone(t) : time.zoneAbbreviation();
      case "2006" -> pad(t.getYear(), 4, '0');
      case "06" -> pad(t.getYear() % 100, 2, '0');
      case "01" -> pad(t.getMonthValue(), 2, '0');
      case "1" -> String.valueOf(t.getMonthValue());
      case "02" -> pad(t.getDayOfMonth(), 2, '0');
      case "_2" -> pad(t.getDayOfMonth(), 2, ' ');
      case "2" -> String.valueOf(t.getDayOfMonth());
      case "002" -> pad(t.getDayOfYear(), 3, '0');
      case "__2" -> pad(t.getDayOfYear(), 3, ' ');
      case "15" -> pad(t.getHour(), 2, '0');
      case "03" -> pad(hour12, 2, '0');
      case "3" -> String.valueOf(hour12);
      case "04" -> pad(t.getMinute(), 2, '0');
      case "4" -> String.valueOf(t.getMinute());
      case "05" -> pad(t.getSecond(), 2, '0');
      case "5" -> String.valueOf(t.getSecond());
      case "PM" -> t.getHour() >= 12 ? "PM" : "AM";
      case "pm" -> t.getHour() >= 12 ? "pm" : "am";
      default -> offset(element, t.getOffset().getTotalSeconds());
    };
  }

  /** {@code -0700} for a zone without a name, as Go prints {@code MST} then. */
  static String numericZone(ZonedDateTime t) {
    return offset("-0700", t.getOffset().getTotalSeconds());
  }

  private static String offset(String element, int seconds) {
    if (element.startsWith("Z") && seconds == 0) {
      return "Z";
    }
    int abs = Math.abs(seconds);
    StringBuilder out = new StringBuilder(seconds < 0 ? "-" : "+");
    out.append(pad(abs / 3600, 2, '0'));
    String shape = element.substring(1);
    boolean colons = shape.contains(":");
    if (shape.length() > 2) {
      out.append(colons ? ":" : "").append(pad(abs / 60 % 60, 2, '0'));
    }
    if (shape.length() > 5) {
      out.append(colons ? ":" : "").append(pad(abs % 60, 2, '0'));
    }
    return out.toString();
  }

  /**
   * {@code .000} always prints its digits; {@code .999} drops trailing zeros, and the dot if none.
   */
  private static String fraction(String element, int nanos) {
    int digits = element.length() - 1;
    String all = pad(nanos, 9, '0').substring(0, Math.min(digits, 9));
    if (element.charAt(1) == '9') {
      all = all.replaceAll("0+$", "");
      if (all.isEmpty()) {
        return "";
      }
    }
    return element.charAt(0) + all;
  }

  private static String pad(long value, int width, char fill) {
    String digits = String.valueOf(value);
    return digits.length() >= width
        ? digits
        : String.valueOf(fill).repeat(width - digits.length()) + digits;
  }

  // ---- parsing

  /**
   * {@code time.ParseInLocation(layout, value, local)}.
   *
   * @throws GoError with Go's message, e.g. {@code parsing time "x" as "2006": cannot parse "x" as
   *     "2006"}
   */
  public static GoTime parse(String layout, String value, ZoneId local) {
    Parsed p = new Parsed();
    String rest = value;
    for (Chunk chunk : chunks(layout)) {
      if (!chunk.element()) {
        String literal = chunk.text();
        if (!rest.startsWith(literal)) {
          throw cannotParse(layout, value, rest, literal);
        }
        rest = rest.substring(literal.length());
        continue;
      }
      String remaining = parseElement(chunk.text(), rest, p);
      if (remaining == null) {
        throw cannotParse(layout, value, rest, chunk.text());
      }
      if (p.outOfRange != null) {
        throw outOfRange(value, p.outOfRange);
      }
      rest = remaining;
    }
    if (!rest.isEmpty()) {
      throw new GoError(
          "parsing time " + GoQuote.quote(value) + ": extra text: " + GoQuote.quote(rest));
    }
    return p.build(value, local);
  }

  private static GoError outOfRange(String value, String what) {
    return new GoError("parsing time " + GoQuote.quote(value) + ": " + what + " out of range");
  }

  private static GoError cannotParse(String layout, String value, String rest, String element) {
    return new GoError(
        "parsing time "
            + GoQuote.quote(value)
            + " as "
            + GoQuote.quote(layout)
            + ": cannot parse "
            + GoQuote.quote(rest)
            + " as "
            + GoQuote.quote(element));
  }

  /**
   * What a parse has read so far. As in Go, elements the layout lacks are zero, or one where zero
   * is impossible: {@code 3:04pm} is on January 1 of year 0. Month and day stay null until read, so
   * a day of the year can be checked against them.
   */
  private static final class Parsed {
    int year;
    Integer month;
    Integer day;
    Integer yearDay;
    int hour;
    int minute;
    int second;
    int nanos;
    boolean pm;
    boolean hasAmPm;
    Integer offsetSeconds;
    String zoneName;

    /** A {@code Z} read for {@code Z07:00}: Go's UTC itself, not an offset to match locally. */
    boolean utcDesignator;

    /** Go's {@code rangeErrString}: the element just read is out of its range. */
    String outOfRange;

    void check(boolean inRange, String what) {
      if (!inRange) {
        outOfRange = what;
      }
    }

    GoTime build(String value, ZoneId local) {
      if (hasAmPm && pm && hour < 12) {
        hour += 12;
      } else if (hasAmPm && !pm && hour == 12) {
        hour = 0;
      }
      if (yearDay != null) {
        applyYearDay(value);
      }
      int m = month == null ? 1 : month;
      int d = day == null ? 1 : day;
      if (d < 1 || d > YearMonth.of(year, m).lengthOfMonth()) {
        throw outOfRange(value, "day");
      }
      return inZone(LocalDateTime.of(year, m, d, hour, minute, second, nanos), local);
    }

    /** Go's rules for {@code 002}: the day of the year must agree with a month and day read. */
    private void applyYearDay(String value) {
      if (yearDay < 1 || yearDay > Year.of(year).length()) {
        throw outOfRange(value, "day-of-year");
      }
      LocalDate date = Year.of(year).atDay(yearDay);
      if (month != null && month != date.getMonthValue()) {
        throw new GoError(
            "parsing time " + GoQuote.quote(value) + ": day-of-year does not match month");
      }
      if (day != null && day != date.getDayOfMonth()) {
        throw new GoError(
            "parsing time " + GoQuote.quote(value) + ": day-of-year does not match day");
      }
      month = date.getMonthValue();
      day = date.getDayOfMonth();
    }

    /**
     * Go's choice of location: the local zone when the offset or abbreviation read is the one in
     * effect there, else a fixed zone that keeps the name read (with offset 0 when only an unknown
     * abbreviation such as {@code PST} was given).
     */
    private GoTime inZone(LocalDateTime wall, ZoneId local) {
      if ("UTC".equals(zoneName)
          || (offsetSeconds != null && offsetSeconds == 0 && zoneName == null && utcDesignator)) {
        return new GoTime(wall.toInstant(ZoneOffset.UTC), ZoneOffset.UTC, "UTC");
      }
      if (offsetSeconds != null) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        GoTime inLocal = new GoTime(wall.toInstant(offset), local, null);
        if (inLocal.wall().getOffset().equals(offset)
            && (zoneName == null || zoneName.equals(inLocal.zoneAbbreviation()))) {
          return inLocal;
        }
        return new GoTime(wall.toInstant(offset), offset, zoneName == null ? "" : zoneName);
      }
      if (zoneName != null) {
        GoTime inLocal = new GoTime(wall.atZone(local).toInstant(), local, null);
        if (zoneName.equals(inLocal.zoneAbbreviation())) {
          return inLocal;
        }
        // Go reads the wall clock as UTC here and only then attaches the zone it made up.
        ZoneOffset offset = ZoneOffset.ofHours(gmtHours(zoneName));
        return new GoTime(wall.toInstant(ZoneOffset.UTC), offset, zoneName);
      }
      return new GoTime(wall.atZone(local).toInstant(), local, null);
    }

    /** {@code GMT+3} is 3 hours east; any other unknown abbreviation means offset 0. */
    private static int gmtHours(String zoneName) {
      return zoneName.startsWith("GMT") && zoneName.length() > 3
          ? Integer.parseInt(zoneName.substring(3))
          : 0;
    }
  }

  /** Reads one element from the front of {@code s}; null when it is not there. */
  private static String parseElement(String element, String s, Parsed p) {
    if (element.startsWith(".") || element.startsWith(",")) {
      return parseFraction(s, p);
    }
    switch (element) {
      case "2006" -> {
        return digits(s, 4, 4, v -> p.year = v);
      }
      case "002", "__2" -> {
        String t = element.equals("__2") ? s.replaceFirst("^ {1,2}", "") : s;
        return digits(t, element.equals("002") ? 3 : 1, 3, v -> p.yearDay = v);
      }
      case "06" -> {
        return digits(s, 2, 2, v -> p.year = v >= 69 ? 1900 + v : 2000 + v);
      }
      case "01", "1" -> {
        return digits(
            s,
            element.length(),
            2,
            v -> {
              p.month = v;
              p.check(v >= 1 && v <= 12, "month");
            });
      }
      case "January", "Jan" -> {
        return name(s, element.equals("Jan") ? TextStyle.SHORT : TextStyle.FULL, p);
      }
      case "Monday", "Mon" -> {
        return weekday(s, element.equals("Mon") ? TextStyle.SHORT : TextStyle.FULL);
      }
      case "02", "2", "_2" -> {
        String t = element.equals("_2") && s.startsWith(" ") ? s.substring(1) : s;
        return digits(t, element.equals("02") ? 2 : 1, 2, v -> p.day = v);
      }
      case "15" -> {
        return digits(
            s,
            1,
            2,
            v -> {
              p.hour = v;
              p.check(v < 24, "hour");
            });
      }
      case "03", "3" -> {
        return digits(
            s,
            element.length(),
            2,
            v -> {
              p.hour = v;
              p.check(v <= 12, "hour");
            });
      }
      case "04", "4" -> {
        return digits(
            s,
            element.length(),
            2,
            v -> {
              p.minute = v;
              p.check(v < 60, "minute");
            });
      }
      case "05", "5" -> {
        String rest =
            digits(
                s,
                element.length(),
                2,
                v -> {
                  p.second = v;
                  p.check(v < 60, "second");
                });
        // A fraction after the seconds is read even when the layout has none, as Go does.
        return rest != null
                && rest.startsWith(".")
                && rest.length() > 1
                && Character.isDigit(rest.charAt(1))
            ? parseFraction(rest, p)
            : rest;
      }
      case "PM", "pm" -> {
        if (s.length() < 2) {
          return null;
        }
        String ampm = s.substring(0, 2).toUpperCase(Locale.ENGLISH);
        if (!ampm.equals("AM") && !ampm.equals("PM")) {
          return null;
        }
        p.hasAmPm = true;
        p.pm = ampm.equals("PM");
        return s.substring(2);
      }
      case "MST" -> {
        int n = 0;
        while (n < s.length() && Character.isUpperCase(s.charAt(n))) {
          n++;
        }
        if (n < 3) {
          return null;
        }
        if (s.startsWith("GMT")) {
          n = 3 + gmtOffsetLength(s.substring(3));
        }
        p.zoneName = s.substring(0, n);
        return s.substring(n);
      }
      default -> {
        return parseOffset(element, s, p);
      }
    }
  }

  /** Go's {@code parseSignedOffset} after {@code GMT}: a sign and hours up to 23, or nothing. */
  private static int gmtOffsetLength(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[+-](\\d+)").matcher(s);
    return m.find() && Integer.parseInt(m.group(1)) <= 23 ? m.end() : 0;
  }

  private static String parseOffset(String element, String s, Parsed p) {
    if (element.startsWith("Z") && s.startsWith("Z")) {
      p.offsetSeconds = 0;
      p.utcDesignator = true;
      return s.substring(1);
    }
    String shape = element.substring(1);
    int length = shape.length() + 1;
    if (s.length() < length || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
      return null;
    }
    String body = s.substring(1, length);
    String digitsOnly = body.replace(":", "");
    if (!digitsOnly.chars().allMatch(Character::isDigit)
        || body.contains(":") != shape.contains(":")) {
      return null;
    }
    int hours = Integer.parseInt(digitsOnly.substring(0, 2));
    int minutes = digitsOnly.length() >= 4 ? Integer.parseInt(digitsOnly.substring(2, 4)) : 0;
    int seconds = digitsOnly.length() >= 6 ? Integer.parseInt(digitsOnly.substring(4, 6)) : 0;
    int total = hours * 3600 + minutes * 60 + seconds;
    p.offsetSeconds = s.charAt(0) == '-' ? -total : total;
    return s.substring(length);
  }

  private static String parseFraction(String s, Parsed p) {
    if (s.isEmpty() || (s.charAt(0) != '.' && s.charAt(0) != ',')) {
      return s;
    }
    int n = 1;
    while (n < s.length() && Character.isDigit(s.charAt(n))) {
      n++;
    }
    String digits = (s.substring(1, n) + "000000000").substring(0, 9);
    p.nanos = Integer.parseInt(digits);
    return s.substring(n);
  }

  private static String name(String s, TextStyle style, Parsed p) {
    for (java.time.Month month : java.time.Month.values()) {
      String name = month.getDisplayName(style, Locale.ENGLISH);
      if (s.regionMatches(true, 0, name, 0, name.length())) {
        p.month = month.getValue();
        return s.substring(name.length());
      }
    }
    return null;
  }

  private static String weekday(String s, TextStyle style) {
    for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
      String name = day.getDisplayName(style, Locale.ENGLISH);
      if (s.regionMatches(true, 0, name, 0, name.length())) {
        return s.substring(name.length());
      }
    }
    return null;
  }

  private static String digits(String s, int min, int max, java.util.function.IntConsumer into) {
    int n = 0;
    while (n < s.length() && n < max && Character.isDigit(s.charAt(n))) {
      n++;
    }
    if (n < min) {
      return null;
    }
    into.accept(Integer.parseInt(s.substring(0, n)));
    return s.substring(n);
  }
}
