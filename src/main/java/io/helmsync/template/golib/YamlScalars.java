package io.helmsync.template.golib;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How go-yaml v2 (the YAML library under Helm's {@code toYaml}) decides whether a string can be
 * written plain, and in which style it quotes it otherwise: a string that would read back as
 * another type ({@code "true"}, {@code "1"}, {@code "2024-01-01"}) is double-quoted, one with YAML
 * indicators is single-quoted, one with special characters double-quoted.
 */
final class YamlScalars {
  private static final Set<String> NON_STRINGS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
          "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
          "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
          "-.inf", "-.Inf", "-.INF", "<<");
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern BASE60_FLOAT =
      Pattern.compile("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "\\d{4}-\\d{1,2}-\\d{1,2}(([Tt]|\\s+)\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d*)?"
              + "(\\s*(Z|[-+]\\d{1,2}(:\\d{2})?))?)?");

  /** The style the emitter ends up using for a string. */
  enum Style {
    PLAIN,
    SINGLE_QUOTED,
    DOUBLE_QUOTED,
    LITERAL
  }

  /** Properties of a string's characters, as go-yaml's {@code yaml_emitter_analyze_scalar}. */
  record Analysis(
      boolean multiline,
      boolean blockPlainAllowed,
      boolean singleQuotedAllowed,
      boolean blockAllowed) {}

  private YamlScalars() {}

  /** The style go-yaml v2 writes this string in, in block context. */
  static Style styleOf(String s, boolean simpleKey) {
    Analysis analysis = analyze(s);
    Style style =
        s.contains("\n") ? Style.LITERAL : canUsePlain(s) ? Style.PLAIN : Style.DOUBLE_QUOTED;
    if (simpleKey && analysis.multiline()) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.PLAIN && (!analysis.blockPlainAllowed() || s.isEmpty() && simpleKey)) {
      style = Style.SINGLE_QUOTED;
    }
    if (style == Style.SINGLE_QUOTED && !analysis.singleQuotedAllowed()) {
      style = Style.DOUBLE_QUOTED;
    }
    if (style == Style.LITERAL && (!analysis.blockAllowed() || simpleKey)) {
      style = Style.DOUBLE_QUOTED;
    }
    return style;
  }

  /** Whether the string would read back as a string when written plain. */
  static boolean canUsePlain(String s) {
    return !resolvesToOtherType(s) && !BASE60_FLOAT.matcher(s).matches();
  }

  private static boolean resolvesToOtherType(String s) {
    if (NON_STRINGS.contains(s)) {
      return true;
    }
    char hint = s.charAt(0);
    if (hint == '.') {
      return GoLiterals.parseFloat(s) != null && !s.contains("_");
    }
    if (hint != '+' && hint != '-' && (hint < '0' || hint > '9')) {
      return false;
    }
    if (TIMESTAMP.matcher(s).matches()) {
      return true;
    }
    String plain = s.replace("_", "");
    if (GoLiterals.parseInt(plain) != null || GoLiterals.isUint(plain)) {
      return true;
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      return true;
    }
    String binary =
        plain.startsWith("-0b")
            ? plain.substring(3)
            : plain.startsWith("0b") ? plain.substring(2) : null;
    return binary != null
        && !binary.isEmpty()
        && binary.chars().allMatch(c -> c == '0' || c == '1');
  }

  /** go-yaml's {@code yaml_emitter_analyze_scalar}, for block context. */
  static Analysis analyze(String s) {
    if (s.isEmpty()) {
      return new Analysis(false, true, true, false);
    }
    boolean blockIndicators = s.startsWith("---") || s.startsWith("...");
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean precededByWhitespace = true;
    boolean previousSpace = false;
    boolean previousBreak = false;
    int[] cps = s.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      boolean followedByWhitespace = i + 1 >= cps.length || isBlank(cps[i + 1]);
      blockIndicators |= isBlockIndicator(c, i == 0, followedByWhitespace, precededByWhitespace);
      if (!isPrintable(c)) {
        special = true;
      }
      if (c == ' ') {
        leadingSpace |= i == 0;
        trailingSpace |= i == cps.length - 1;
        breakSpace |= previousBreak;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        leadingBreak |= i == 0;
        trailingBreak |= i == cps.length - 1;
        spaceBreak |= previousSpace;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlank(c) || c == 0;
    }
    boolean plain =
        !(leadingSpace
            || leadingBreak
            || trailingSpace
            || trailingBreak
            || breakSpace
            || spaceBreak
            || special
            || lineBreaks
            || blockIndicators);
    boolean single = !(breakSpace || spaceBreak || special);
    boolean block = !(trailingSpace || spaceBreak || special);
    return new Analysis(lineBreaks, plain, single, block);
  }

  private static boolean isBlockIndicator(
      int c, boolean first, boolean followedByWhitespace, boolean precededByWhitespace) {
    if (first) {
      return switch (c) {
        case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
            true;
        case '?', ':', '-' -> followedByWhitespace;
        default -> false;
      };
    }
    return c == ':' && followedByWhitespace || c == '#' && precededByWhitespace;
  }

  static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  static boolean isBlank(int c) {
    return c == ' ' || c == '\t' || isBreak(c);
  }

  /**
   * go-yaml's {@code is_printable} as Helm's toYaml emits through it: it looks at UTF-8 sequences
   * of up to three bytes only, so every character past U+FFFF (emoji) counts as unprintable and is
   * written as an escape in a double-quoted scalar (found by HelmAgreementPropertyTest).
   */
  static boolean isPrintable(int c) {
    return c == 0x0A
        || c >= 0x20 && c <= 0x7E
        || c == 0x85
        || c >= 0xA0 && c <= 0xD7FF
        || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
  }

  /** The escapes go-yaml writes in double-quoted scalars. */
  static final Map<Integer, String> ESCAPES =
      Map.ofEntries(
          Map.entry(0, "\\0"),
          Map.entry(0x07, "\\a"),
          Map.entry(0x08, "\\b"),
          Map.entry(0x09, "\\t"),
          Map.entry(0x0A, "\\n"),
          Map.entry(0x0B, "\\v"),
          Map.entry(0x0C, "\\f"),
          Map.entry(0x0D, "\\r"),
          Map.entry(0x1B, "\\e"),
          Map.entry((int) '"', "\\\""),
          Map.entry((int) '\\', "\\\\"),
          Map.entry(0x85, "\\N"),
          Map.entry(0xA0, "\\_"),
          Map.entry(0x2028, "\\L"),
          Map.entry(0x2029, "\\P"));
}
