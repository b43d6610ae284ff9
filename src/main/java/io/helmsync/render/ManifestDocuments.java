package io.helmsync.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Helm's {@code releaseutil.SplitManifests} split of a rendered template into documents, on the
 * separator {@code (?:^|\s*\n)---\s*} (RE2's {@code \s}: space, tab, newline, carriage return, form
 * feed), matched by hand: as a {@link java.util.regex.Pattern} this split took about 7% of the time
 * helmsync spent rendering the chart corpus, where {@code \s*\n} is tried at every whitespace
 * character of every document.
 */
final class ManifestDocuments {
  private static final String DASHES = "---";

  private ManifestDocuments() {}

  /**
   * The text between separators, as {@code Pattern.split(text, -1)} gives it with Helm's separator:
   * empty and blank pieces included, for the caller to drop as Helm does.
   */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int search = 0;
    for (int dashes = text.indexOf(DASHES); dashes >= 0; dashes = text.indexOf(DASHES, search)) {
      int match;
      if (dashes == 0) {
        match = 0;
      } else if (dashes - 1 >= start && text.charAt(dashes - 1) == '\n') {
        // The leftmost match takes in all the whitespace before the newline, back to the end of
        // the previous match.
        match = dashes - 1;
        while (match > start && isSpace(text.charAt(match - 1))) {
          match--;
        }
      } else {
        search = dashes + 1;
        continue;
      }
      int end = dashes + DASHES.length();
      while (end < text.length() && isSpace(text.charAt(end))) {
        end++;
      }
      out.add(text.substring(start, match));
      start = end;
      search = end;
    }
    out.add(text.substring(start));
    return out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
