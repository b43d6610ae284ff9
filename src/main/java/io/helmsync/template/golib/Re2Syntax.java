package io.helmsync.template.golib;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Translates Go's RE2 syntax ({@code regexp/syntax}, Perl flags) to an equivalent java.util.regex
 * pattern, rejecting what Go rejects with Go's messages. The two dialects differ in ways that
 * change results silently: Go's {@code $} is end of text only, {@code \s} excludes {@code \v},
 * {@code \b} and {@code \w} are ASCII, {@code [[:alpha:]]} and {@code (?U)} exist, {@code \1} is
 * not a back-reference; so every construct is re-emitted explicitly.
 */
final class Re2Syntax {
  private static final int MAX_REPEAT = 1000;

  /** Go's repeat syntax; a count with a leading zero makes the brace a literal. */
  private static final Pattern REPEAT = Pattern.compile("\\{(0|[1-9][0-9]*)(,(0|[1-9][0-9]*)?)?}");

  private static final String WORD = "[0-9A-Za-z_]";
  private static final Map<String, String> PERL_CLASSES =
      Map.of(
          "d",
          "[0-9]",
          "D",
          "[^0-9]",
          "s",
          "[\\t\\n\\f\\r ]",
          "S",
          "[^\\t\\n\\f\\r ]",
          "w",
          WORD,
          "W",
          "[^0-9A-Za-z_]");
  private static final Map<String, String> POSIX_CLASSES =
      Map.ofEntries(
          Map.entry("alnum", "0-9A-Za-z"),
          Map.entry("alpha", "A-Za-z"),
          Map.entry("ascii", "\\x00-\\x7F"),
          Map.entry("blank", "\\t "),
          Map.entry("cntrl", "\\x00-\\x1F\\x7F"),
          Map.entry("digit", "0-9"),
          Map.entry("graph", "!-~"),
          Map.entry("lower", "a-z"),
          Map.entry("print", " -~"),
          Map.entry("punct", "!-/:-@\\[-`{-~"),
          Map.entry("space", "\\t\\n\\x0B\\f\\r "),
          Map.entry("upper", "A-Z"),
          Map.entry("word", "0-9A-Za-z_"),
          Map.entry("xdigit", "0-9A-Fa-f"));

  /** A syntax error, with Go's code and the offending text. */
  static final class Error extends Exception {
    Error(String code, String expr) {
      super("error parsing regexp: " + code + ": `" + expr + "`", null, false, false);
    }
  }

  /** The Perl flags Go tracks while parsing: i, m, s and U. */
  private record Flags(boolean foldCase, boolean multiLine, boolean dotNl, boolean ungreedy) {}

  /** An open group: the flags to restore when it closes, and where its output starts. */
  private record Group(Flags outer, int start) {}

  private final String expr;
  private final StringBuilder out = new StringBuilder();
  private final List<String> names = new ArrayList<>();
  private final Deque<Group> groups = new ArrayDeque<>();
  private Flags flags = new Flags(false, false, false, false);
  private int pos;
  private int atomStart = -1;
  private String lastRepeat = "";

  private Re2Syntax(String expr) {
    this.expr = expr;
  }

  /** The compiled pattern and the capture names by group number (index 0 is the whole match). */
  record Compiled(Pattern pattern, List<String> names) {}

  static Compiled compile(String expr) throws Error {
    Re2Syntax parser = new Re2Syntax(expr);
    parser.names.add("");
    parser.parse();
    try {
      return new Compiled(
          Pattern.compile(parser.out.toString(), Pattern.UNIX_LINES), List.copyOf(parser.names));
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException("translated RE2 is not valid Java: " + parser.out, e);
    }
  }

  private void parse() throws Error {
    while (pos < expr.length()) {
      String repeat = lastRepeat;
      lastRepeat = "";
      int c = expr.codePointAt(pos);
      switch (c) {
        case '(' -> openGroup();
        case ')' -> closeGroup();
        case '|' -> {
          pos++;
          out.append('|');
          atomStart = -1;
        }
        case '*', '+', '?' -> repetition(repeat, pos, pos + 1, String.valueOf((char) c));
        case '{' -> brace(repeat);
        case '[' -> atom(charClass());
        case '\\' -> escape();
        case '.' -> {
          pos++;
          atom(flags.dotNl() ? "(?s:.)" : ".");
        }
        case '^' -> {
          pos++;
          atom(flags.multiLine() ? "(?:\\A|(?<=\\n))" : "\\A");
        }
        case '$' -> {
          pos++;
          atom(flags.multiLine() ? "(?=\\n|\\z)" : "\\z");
        }
        default -> {
          pos += Character.charCount(c);
          atom(literal(c));
        }
      }
    }
    if (!groups.isEmpty()) {
      throw new Error("missing closing )", expr);
    }
  }

  private void atom(String java) {
    atomStart = out.length();
    out.append(java);
  }

  private static String literal(int c) {
    return c < 0x80 && Character.isLetterOrDigit(c)
        ? String.valueOf((char) c)
        : "\\x{" + Integer.toHexString(c) + "}";
  }

  private void openGroup() throws Error {
    if (expr.startsWith("(?", pos)) {
      perlGroup();
      return;
    }
    pos++;
    names.add("");
    pushGroup("(");
  }

  private void pushGroup(String java) {
    groups.push(new Group(flags, out.length()));
    out.append(java);
    atomStart = -1;
  }

  private void closeGroup() throws Error {
    if (groups.isEmpty()) {
      throw new Error("unexpected )", expr);
    }
    Group group = groups.pop();
    flags = group.outer();
    pos++;
    out.append(')');
    atomStart = group.start();
  }

  /** {@code (?P<name>}, {@code (?<name>}, {@code (?flags)} and {@code (?flags:}. */
  private void perlGroup() throws Error {
    String rest = expr.substring(pos);
    if (rest.length() > 4
        && (rest.charAt(2) == 'P' && rest.charAt(3) == '<' || rest.charAt(2) == '<')) {
      namedGroup(rest, rest.charAt(2) == 'P' ? 4 : 3);
      return;
    }
    boolean fold = flags.foldCase();
    boolean multi = flags.multiLine();
    boolean dot = flags.dotNl();
    boolean ungreedy = flags.ungreedy();
    boolean value = true;
    boolean sawFlag = false;
    int i = 2;
    while (i < rest.length()) {
      int c = rest.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case 'i' -> fold = value;
        case 'm' -> multi = value;
        case 's' -> dot = value;
        case 'U' -> ungreedy = value;
        case '-' -> {
          if (!value) {
            throw new Error("invalid or unsupported Perl syntax", rest.substring(0, i));
          }
          value = false;
          sawFlag = false;
          continue;
        }
        case ':', ')' -> {
          if (!value && !sawFlag) {
            throw new Error("invalid or unsupported Perl syntax", rest.substring(0, i));
          }
          pos += i;
          applyFlags(new Flags(fold, multi, dot, ungreedy), c == ':');
          return;
        }
        default -> throw new Error("invalid or unsupported Perl syntax", rest.substring(0, i));
      }
      sawFlag = true;
    }
    throw new Error("missing closing )", expr);
  }

  private void applyFlags(Flags newFlags, boolean opensGroup) {
    String fold = newFlags.foldCase() ? "iu" : "-iu";
    if (opensGroup) {
      pushGroup("(?" + fold + ":");
    } else {
      out.append("(?").append(fold).append(')');
      atomStart = -1;
    }
    flags = newFlags;
  }

  private void namedGroup(String rest, int nameStart) throws Error {
    int end = rest.indexOf('>');
    if (end < 0) {
      throw new Error("invalid named capture", rest);
    }
    String name = rest.substring(nameStart, end);
    if (name.isEmpty()
        || !name.chars().allMatch(c -> c == '_' || c < 0x80 && Character.isLetterOrDigit(c))) {
      throw new Error("invalid named capture", rest.substring(0, end + 1));
    }
    pos += end + 1;
    names.add(name);
    pushGroup("(");
  }

  /** {@code {n}}, {@code {n,}} or {@code {n,m}}; anything else is a literal brace. */
  private void brace(String repeat) throws Error {
    java.util.regex.Matcher m = REPEAT.matcher(expr).region(pos, expr.length());
    if (!m.lookingAt()) {
      pos++;
      atom(literal('{'));
      return;
    }
    long min = count(m.group(1));
    long max = m.group(2) == null ? min : m.group(3) == null ? -1 : count(m.group(3));
    if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || max >= 0 && min > max) {
      throw new Error("invalid repeat count", m.group());
    }
    String java = "{" + min + (max == min ? "" : "," + (max < 0 ? "" : max)) + "}";
    repetition(repeat, pos, m.end(), java);
  }

  /** Go's decimal for repeat counts: -1 when too large. */
  private static long count(String digits) {
    return digits.length() > 8 ? -1 : Long.parseLong(digits);
  }

  private void repetition(String previous, int start, int end, String java) throws Error {
    boolean nonGreedy = end < expr.length() && expr.charAt(end) == '?';
    int after = nonGreedy ? end + 1 : end;
    if (!previous.isEmpty()) {
      throw new Error(
          "invalid nested repetition operator", previous + expr.substring(start, after));
    }
    if (atomStart < 0) {
      throw new Error("missing argument to repetition operator", expr.substring(start, after));
    }
    pos = after;
    out.insert(atomStart, "(?:").append(')').append(java);
    if (nonGreedy != flags.ungreedy()) {
      out.append('?');
    }
    lastRepeat = expr.substring(start, after);
  }

  private void escape() throws Error {
    int start = pos;
    pos++;
    if (pos >= expr.length()) {
      throw new Error("trailing backslash at end of expression", "");
    }
    int c = expr.codePointAt(pos);
    switch (c) {
      case 'A' -> simple("\\A");
      case 'z' -> simple("\\z");
      case 'b' -> simple("(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))");
      case 'B' -> simple("(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))");
      case 'Q' -> quoted();
      case 'd', 'D', 's', 'S', 'w', 'W' -> simple(PERL_CLASSES.get(String.valueOf((char) c)));
      case 'p', 'P' -> atom(unicodeClass(start));
      default -> atom(literal(escapedRune(start)));
    }
  }

  private void simple(String java) {
    pos++;
    atom(java);
  }

  /** {@code \Q...\E}: each character a literal of its own, as Go parses them. */
  private void quoted() {
    int end = expr.indexOf("\\E", pos + 1);
    String text = expr.substring(pos + 1, end < 0 ? expr.length() : end);
    pos = end < 0 ? expr.length() : end + 2;
    text.codePoints().forEach(c -> atom(literal(c)));
  }

  /** An escape that stands for one rune: octal, hex, control letters, punctuation. */
  private int escapedRune(int start) throws Error {
    int c = expr.codePointAt(pos);
    pos += Character.charCount(c);
    if (c >= '1' && c <= '7' && pos < expr.length() && isOctal(expr.charAt(pos)) || c == '0') {
      int value = c - '0';
      for (int digits = 1;
          digits < 3 && pos < expr.length() && isOctal(expr.charAt(pos));
          digits++) {
        value = value * 8 + expr.charAt(pos++) - '0';
      }
      return value;
    }
    return switch (c) {
      case 'a' -> 7;
      case 'f' -> '\f';
      case 't' -> '\t';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 'v' -> 0x0B;
      case 'x' -> hexEscape(start);
      default -> {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
          yield c;
        }
        throw new Error("invalid escape sequence", expr.substring(start, pos));
      }
    };
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private int hexEscape(int start) throws Error {
    boolean braced = pos < expr.length() && expr.charAt(pos) == '{';
    int from = braced ? pos + 1 : pos;
    int to = braced ? expr.indexOf('}', from) : Math.min(from + 2, expr.length());
    String hex = to < 0 ? "" : expr.substring(from, to);
    boolean valid =
        !hex.isEmpty()
            && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)
            && (braced || hex.length() == 2)
            && hex.length() <= 8;
    if (!valid || Long.parseLong(hex, 16) > Character.MAX_CODE_POINT) {
      pos = Math.min(to < 0 ? expr.length() : to + (braced ? 1 : 0), expr.length());
      throw new Error("invalid escape sequence", expr.substring(start, pos));
    }
    pos = braced ? to + 1 : to;
    return Integer.parseInt(hex, 16);
  }

  /** {@code \pL}, {@code \p{Greek}}, {@code \P{^Lu}}: Go's categories and scripts, and Any. */
  private String unicodeClass(int start) throws Error {
    boolean negated = expr.charAt(pos) == 'P';
    pos++;
    if (pos >= expr.length()) {
      throw new Error("invalid character class range", expr.substring(start));
    }
    String name;
    if (expr.charAt(pos) == '{') {
      int end = expr.indexOf('}', pos);
      if (end < 0) {
        throw new Error("invalid character class range", expr.substring(start));
      }
      name = expr.substring(pos + 1, end);
      pos = end + 1;
    } else {
      int c = expr.codePointAt(pos);
      pos += Character.charCount(c);
      name = new String(Character.toChars(c));
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.substring(1);
    }
    String java = unicodeProperty(name);
    if (java == null) {
      throw new Error("invalid character class range", expr.substring(start, pos));
    }
    return negated ? "[^" + java + "]" : "[" + java + "]";
  }

  private static String unicodeProperty(String name) {
    if (name.equals("Any")) {
      return "\\x{0}-\\x{10ffff}";
    }
    String java = name.length() <= 2 ? "\\p{" + name + "}" : "\\p{Is" + name + "}";
    boolean known =
        name.length() <= 2
            ? name.matches("[CLMNPSZ][a-z]?")
            : name.matches("[A-Z][A-Za-z_]+") && isScript(name);
    return known && compiles(java) ? java : null;
  }

  private static boolean isScript(String name) {
    try {
      Character.UnicodeScript.forName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean compiles(String java) {
    try {
      Pattern.compile(java);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /**
   * A bracketed class; every member is re-emitted escaped, since Java nests {@code [} and {@code
   * &&}.
   */
  private String charClass() throws Error {
    int start = pos;
    pos++;
    StringBuilder java = new StringBuilder("[");
    if (pos < expr.length() && expr.charAt(pos) == '^') {
      java.append('^');
      pos++;
    }
    boolean first = true;
    while (pos >= expr.length() || expr.charAt(pos) != ']' || first) {
      if (pos >= expr.length()) {
        throw new Error("missing closing ]", expr.substring(start));
      }
      first = false;
      java.append(classItem(start));
    }
    pos++;
    return java.append(']').toString();
  }

  private String classItem(int classStart) throws Error {
    if (expr.startsWith("[:", pos)) {
      String posix = posixClass();
      if (posix != null) {
        return posix;
      }
    }
    if (expr.startsWith("\\p", pos) || expr.startsWith("\\P", pos)) {
      int start = pos;
      pos++;
      return unicodeClass(start);
    }
    if (pos + 1 < expr.length()
        && expr.charAt(pos) == '\\'
        && PERL_CLASSES.containsKey(String.valueOf(expr.charAt(pos + 1)))) {
      pos += 2;
      return PERL_CLASSES.get(String.valueOf(expr.charAt(pos - 1)));
    }
    int rangeStart = pos;
    int lo = classChar(classStart);
    int hi = lo;
    if (pos + 1 < expr.length() && expr.charAt(pos) == '-' && expr.charAt(pos + 1) != ']') {
      pos++;
      hi = classChar(classStart);
      if (hi < lo) {
        throw new Error("invalid character class range", expr.substring(rangeStart, pos));
      }
    }
    return lo == hi ? literal(lo) : literal(lo) + "-" + literal(hi);
  }

  private int classChar(int classStart) throws Error {
    if (pos >= expr.length()) {
      throw new Error("missing closing ]", expr.substring(classStart));
    }
    if (expr.charAt(pos) == '\\') {
      int start = pos;
      pos++;
      if (pos >= expr.length()) {
        throw new Error("trailing backslash at end of expression", "");
      }
      return escapedRune(start);
    }
    int c = expr.codePointAt(pos);
    pos += Character.charCount(c);
    return c;
  }

  /** {@code [:alpha:]} or {@code [:^alpha:]}; null when the text is not of that form. */
  private String posixClass() throws Error {
    int end = expr.indexOf(":]", pos + 2);
    if (end < 0) {
      return null;
    }
    String text = expr.substring(pos, end + 2);
    String name = expr.substring(pos + 2, end);
    boolean negated = name.startsWith("^");
    String ranges = POSIX_CLASSES.get(negated ? name.substring(1) : name);
    if (ranges == null) {
      throw new Error("invalid character class range", text);
    }
    pos = end + 2;
    return (negated ? "[^" : "[") + ranges + "]";
  }
}
