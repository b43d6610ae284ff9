package io.helmsync.template.sprig;

import io.helmsync.template.Functions;
import io.helmsync.template.golib.GoRunes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The case conversions Sprig takes from huandu/xstrings (v1.5, as Helm 3 builds with it): words are
 * runs of upper-case-led letters, lower-case letters, numbers, punctuation or connectors ({@code
 * -}, {@code _}, spaces), and {@code camelcase} is xstrings' {@code ToPascalCase}.
 */
final class SprigCase {
  private SprigCase() {}

  static Functions functions() {
    return Functions.builder()
        .add("snakecase", SprigStrings.str(s -> toLowerWords(s, '_')))
        .add("kebabcase", SprigStrings.str(s -> toLowerWords(s, '-')))
        .add("camelcase", SprigStrings.str(SprigCase::toPascalCase))
        .add("shuffle", SprigStrings.str(SprigCase::shuffle))
        .build();
  }

  private enum Kind {
    END,
    NUMBER,
    UPPER,
    ALPHABET,
    CONNECTOR,
    PUNCT,
    OTHER
  }

  /** One word of the input: its kind and its runes {@code [start, end)}. */
  private record Word(Kind kind, int start, int end) {}

  /** The runes being converted, and the output. */
  private static final class Words {
    private final int[] runes;
    private final int connector;
    private final StringBuilder out = new StringBuilder();

    Words(String s, int connector) {
      this.runes = s.codePoints().toArray();
      this.connector = connector;
    }

    /** xstrings' {@code nextWord}. */
    Word next(int from) {
      if (from >= runes.length) {
        return new Word(Kind.END, from, from);
      }
      int r = runes[from];
      if (isConnector(r)) {
        return new Word(Kind.CONNECTOR, from, skip(from + 1, SprigCase::isConnector));
      }
      if (GoRunes.isPunct(r)) {
        return new Word(Kind.PUNCT, from, skip(from + 1, GoRunes::isPunct));
      }
      if (GoRunes.isUpper(r)) {
        return new Word(Kind.UPPER, from, upperWordEnd(from + 1));
      }
      if (isAlphabet(r)) {
        return new Word(Kind.ALPHABET, from, skip(from + 1, SprigCase::isLowerAlphabet));
      }
      if (GoRunes.isNumber(r)) {
        return new Word(Kind.NUMBER, from, skip(from + 1, GoRunes::isNumber));
      }
      return new Word(
          Kind.OTHER,
          from,
          skip(
              from + 1,
              c ->
                  !(isConnector(c) || isAlphabet(c) || GoRunes.isNumber(c) || GoRunes.isPunct(c))));
    }

    /** After an upper-case rune: "Status", or "HTTP" leaving the "S" of "HTTPStatus". */
    private int upperWordEnd(int i) {
      if (i >= runes.length) {
        return i;
      }
      if (GoRunes.isUpper(runes[i])) {
        int end = skip(i, GoRunes::isUpper);
        return end < runes.length && isAlphabet(runes[end]) ? end - 1 : end;
      }
      return isAlphabet(runes[i]) ? skip(i, SprigCase::isLowerAlphabet) : i;
    }

    private int skip(int i, java.util.function.IntPredicate in) {
      while (i < runes.length && in.test(runes[i])) {
        i++;
      }
      return i;
    }

    /** xstrings' {@code toLower}: only upper-case words and connectors are rewritten. */
    void write(Word word, Kind as) {
      for (int i = word.start(); i < word.end(); i++) {
        int r = runes[i];
        boolean rewrite = as == Kind.UPPER || as == Kind.CONNECTOR;
        if (rewrite && isConnector(r)) {
          out.appendCodePoint(connector);
        } else {
          out.appendCodePoint(rewrite ? Character.toLowerCase(r) : r);
        }
      }
    }

    void connectUnlessAfter(Word word, boolean evenAtEnd) {
      Kind k = word.kind();
      if (k != Kind.CONNECTOR && k != Kind.PUNCT && (evenAtEnd || k != Kind.END)) {
        out.appendCodePoint(connector);
      }
    }

    /** Writes the letters and numbers that follow a number, then a connector if more comes. */
    Word writeAlphanumerics(Word word) {
      Word current = word;
      while (current.kind() == Kind.ALPHABET || current.kind() == Kind.NUMBER) {
        write(current, current.kind());
        current = next(current.end());
      }
      connectUnlessAfter(current, false);
      return current;
    }
  }

  /** xstrings' {@code camelCaseToLowerCase}, behind {@code ToSnakeCase} and {@code ToKebabCase}. */
  private static String toLowerWords(String s, int connector) {
    Words words = new Words(s, connector);
    Word word = words.next(0);
    while (word.end() < words.runes.length) {
      if (word.kind() != Kind.CONNECTOR) {
        words.write(word, word.kind());
      }
      Word previous = word;
      word = words.next(word.end());
      word =
          switch (previous.kind()) {
            case NUMBER -> words.writeAlphanumerics(word);
            case CONNECTOR -> {
              words.write(previous, Kind.CONNECTOR);
              yield word;
            }
            case PUNCT -> word;
            default -> afterWord(words, word);
          };
    }
    words.write(word, word.kind());
    return words.out.toString();
  }

  /** After a word of letters: a number joins it ("bld4") unless letters follow ("http_2xx"). */
  private static Word afterWord(Words words, Word word) {
    if (word.kind() != Kind.NUMBER) {
      words.connectUnlessAfter(word, true);
      return word;
    }
    if (word.end() >= words.runes.length) {
      return word;
    }
    Word number = word;
    Word next = words.next(number.end());
    if (next.kind() != Kind.ALPHABET) {
      words.write(number, Kind.NUMBER);
      words.connectUnlessAfter(next, true);
      return next;
    }
    words.out.appendCodePoint(words.connector);
    words.write(number, Kind.NUMBER);
    return words.writeAlphanumerics(next);
  }

  /**
   * xstrings' {@code ToPascalCase}: leading connectors stay, a rune after a connector is upper-
   * cased, the connector dropped (doubled connectors keep one), and a word's run of capitals after
   * the first is lower-cased ("GOLANG_IS" to "GolangIs").
   */
  private static String toPascalCase(String s) {
    int[] runes = s.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    int i = 0;
    int r0 = 0;
    boolean firstUpper = false;
    while (i < runes.length) {
      r0 = runes[i++];
      if (!isConnector(r0)) {
        firstUpper = GoRunes.isUpper(r0);
        r0 = Character.toUpperCase(r0);
        break;
      }
      out.appendCodePoint(r0);
    }
    while (i < runes.length) {
      int r1 = r0;
      r0 = runes[i++];
      if (isConnector(r0) && isConnector(r1)) {
        out.appendCodePoint(r1);
      } else if (isConnector(r1)) {
        firstUpper = GoRunes.isUpper(r0);
        r0 = Character.toUpperCase(r0);
      } else {
        if (firstUpper && GoRunes.isUpper(r0)) {
          r0 = Character.toLowerCase(r0);
        } else if (firstUpper) {
          firstUpper = false;
        }
        out.appendCodePoint(r1);
      }
    }
    if (runes.length > 0) {
      out.appendCodePoint(r0);
    }
    return out.toString();
  }

  private static String shuffle(String s) {
    List<Integer> runes = new ArrayList<>(s.codePoints().boxed().toList());
    Collections.shuffle(runes);
    StringBuilder out = new StringBuilder(s.length());
    runes.forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isConnector(int r) {
    return r == '-' || r == '_' || GoRunes.isSpace(r);
  }

  /** xstrings' {@code isAlphabet}: a letter, but not a CJK ideograph. */
  private static boolean isAlphabet(int r) {
    if (!Character.isLetter(r) || r < 0x3400) {
      return Character.isLetter(r);
    }
    boolean cjk =
        r >= 0x4E00 && r <= 0x9FCC || r >= 0x3400 && r <= 0x4D85 || r >= 0x20000 && r <= 0x2B81D;
    return !cjk;
  }

  private static boolean isLowerAlphabet(int r) {
    return isAlphabet(r) && !GoRunes.isUpper(r);
  }
}
